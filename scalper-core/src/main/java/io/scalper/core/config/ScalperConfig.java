package io.scalper.core.config;

import io.scalper.core.book.BookConfig;
import io.scalper.core.edge.EdgeConfig;
import io.scalper.core.exec.ExecutionConfig;
import io.scalper.core.feature.FeatureConfig;
import io.scalper.core.risk.RiskConfig;
import io.scalper.core.signal.FusionConfig;
import io.scalper.core.signal.SignalConfig;
import io.scalper.core.tape.TapeConfig;

/**
 * The whole strategy configuration, one immutable record per section, each validated on construction with a message
 * naming the key. {@code config/default.yaml} documents every key; {@link #defaults()} holds the same values.
 */
public record ScalperConfig(
        BookConfig book,
        TapeConfig tape,
        FeatureConfig features,
        SignalConfig signals,
        FusionConfig fusion,
        RiskConfig risk,
        ExecutionConfig execution,
        BacktestConfig backtest,
        EdgeConfig edge) {
    public ScalperConfig {
        if (book == null
                || tape == null
                || features == null
                || signals == null
                || fusion == null
                || risk == null
                || execution == null
                || backtest == null
                || edge == null) {
            throw new IllegalArgumentException("config: every section must be present");
        }
    }

    public static ScalperConfig defaults() {
        return new ScalperConfig(
                BookConfig.defaults(),
                TapeConfig.defaults(),
                FeatureConfig.defaults(),
                SignalConfig.defaults(),
                FusionConfig.defaults(),
                RiskConfig.defaults(),
                ExecutionConfig.defaults(),
                BacktestConfig.defaults(),
                EdgeConfig.defaults());
    }

    /** As before, with the other sections at their defaults where not given (the edge section). */
    public ScalperConfig(
            BookConfig book,
            TapeConfig tape,
            FeatureConfig features,
            SignalConfig signals,
            FusionConfig fusion,
            RiskConfig risk,
            ExecutionConfig execution,
            BacktestConfig backtest) {
        this(book, tape, features, signals, fusion, risk, execution, backtest, EdgeConfig.defaults());
    }

    /**
     * This configuration with one key changed, named and written as in {@code config/default.yaml}: e.g. {@code
     * with("execution.stopTicks", "60")}, {@code with("risk.maxLatency", "2s")}, {@code with("edge.enabled",
     * "false")}.
     *
     * @throws IllegalArgumentException naming the key when it is unknown or the value is invalid
     */
    public ScalperConfig with(String dottedKey, String value) {
        return ConfigKeys.with(this, dottedKey, value);
    }

    public ScalperConfig withFusion(FusionConfig f) {
        return new ScalperConfig(book, tape, features, signals, f, risk, execution, backtest, edge);
    }

    public ScalperConfig withRisk(RiskConfig r) {
        return new ScalperConfig(book, tape, features, signals, fusion, r, execution, backtest, edge);
    }

    public ScalperConfig withExecution(ExecutionConfig e) {
        return new ScalperConfig(book, tape, features, signals, fusion, risk, e, backtest, edge);
    }

    public ScalperConfig withBacktest(BacktestConfig b) {
        return new ScalperConfig(book, tape, features, signals, fusion, risk, execution, b, edge);
    }

    public ScalperConfig withEdge(EdgeConfig e) {
        return new ScalperConfig(book, tape, features, signals, fusion, risk, execution, backtest, e);
    }
}
