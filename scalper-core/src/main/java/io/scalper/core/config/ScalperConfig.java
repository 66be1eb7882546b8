package io.scalper.core.config;

import io.scalper.core.backtest.BacktestConfig;
import io.scalper.core.book.BookConfig;
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
        BacktestConfig backtest) {
    public ScalperConfig {
        if (book == null
                || tape == null
                || features == null
                || signals == null
                || fusion == null
                || risk == null
                || execution == null
                || backtest == null) {
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
                BacktestConfig.defaults());
    }
}
