package io.scalper.cli;

import io.scalper.core.research.ResearchSamples;
import java.io.IOException;
import java.io.Serial;
import java.util.List;

/**
 * Research over one market (one file of a research over many, each replayed on its own): its decisions, to be merged
 * exactly with the others' ({@link ResearchSamples#merge}).
 *
 * @param name the task, for people
 * @param configSource where the configuration came from, for messages
 * @param configText the configuration ({@link ConfigFile#text()})
 * @param market the market
 * @param horizonsNs the forward horizons
 * @param limitNs market time after which the replay stops; 0 for all of it
 */
record ResearchTask(
        String name, String configSource, String configText, MarketSpec market, List<Long> horizonsNs, long limitNs)
        implements ScalperTask<ResearchSamples> {
    @Serial
    private static final long serialVersionUID = 1L;

    ResearchTask {
        horizonsNs = List.copyOf(horizonsNs);
    }

    @Override
    public ResearchSamples run(DataFiles files) throws IOException {
        return ResearchCommand.research(
                        ConfigFile.parse(configSource, configText).config(),
                        market.input(files),
                        limitNs,
                        horizonsNs,
                        market.label())
                .decisions();
    }
}
