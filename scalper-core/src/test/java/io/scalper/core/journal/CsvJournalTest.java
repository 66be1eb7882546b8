package io.scalper.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalper.core.model.Instrument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvJournalTest {
    private static final List<String> COLUMNS = List.of("a", "b", "c");
    private static final Instrument BTC = Instrument.of("BTCUSDT", "0.10", "0.001", "0.001", "5");

    @TempDir
    Path dir;

    @Test
    void shouldQuoteOnlyCellsThatNeedIt() {
        assertThat(CsvJournal.quote("plain text")).isEqualTo("plain text");
        assertThat(CsvJournal.quote("")).isEqualTo("");
        assertThat(CsvJournal.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvJournal.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvJournal.quote("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvJournal.quote("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(CsvJournal.quote("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void shouldRoundTripAwkwardTextThroughAStrictCsvReader() throws IOException {
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            j.cell("a,b").cell("say \"hi\", then\nleave").cell("né ✓").endRow();
            j.cell((String) null).cell("").cell("\"").endRow();
        }

        final List<List<String>> rows = Csv.read(dir.resolve("t.csv"));
        assertThat(rows)
                .containsExactly(
                        List.of("a", "b", "c"),
                        List.of("a,b", "say \"hi\", then\nleave", "né ✓"),
                        List.of("", "", "\""));
    }

    @Test
    void shouldWriteTheHeaderOnlyOnceWhenReopenedAfterARestart() throws IOException {
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            assertThat(j.created()).isTrue();
            j.cell(1).cell(2).cell(3).endRow();
        }
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            assertThat(j.created()).isFalse();
            assertThat(j.path()).isEqualTo(dir.resolve("t.csv"));
            j.cell(4).cell(5).cell(6).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("a,b,c\n1,2,3\n4,5,6\n");
    }

    @Test
    void shouldWriteTheHeaderIntoAnEmptyExistingFile() throws IOException {
        Files.createFile(dir.resolve("t.csv"));
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            j.cell(1).cell(2).cell(3).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("a,b,c\n1,2,3\n");
    }

    @Test
    void shouldHaveEachRowInTheFileAsSoonAsItIsWritten() throws IOException {
        final Path file = dir.resolve("t.csv");
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            assertThat(Files.readString(file)).isEqualTo("a,b,c\n");
            j.cell(1).cell(2).cell(3).endRow();
            assertThat(Files.readString(file)).isEqualTo("a,b,c\n1,2,3\n");
            j.cell(4).cell(5);
            assertThat(Files.readString(file))
                    .as("an unfinished row is not written")
                    .isEqualTo("a,b,c\n1,2,3\n");
            j.cell(6).endRow();
            assertThat(Files.readString(file)).isEqualTo("a,b,c\n1,2,3\n4,5,6\n");
            j.sync();
            assertThat(j.rows()).isEqualTo(2);
        }
    }

    @Test
    void shouldStartANewLineAfterARowCutShortByACrash() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "a,b,c\n1,2,3\n4,5");
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            j.cell(7).cell(8).cell(9).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("a,b,c\n1,2,3\n4,5\n7,8,9\n");
    }

    @Test
    void shouldMoveToANewFileWhenTheExistingHeaderDiffers() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "x,y\n1,2\n");
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            assertThat(j.path()).isEqualTo(dir.resolve("t-2.csv"));
            j.cell(1).cell(2).cell(3).endRow();
        }
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            assertThat(j.path()).isEqualTo(dir.resolve("t-2.csv"));
            j.cell(4).cell(5).cell(6).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("x,y\n1,2\n");
        assertThat(Files.readString(dir.resolve("t-2.csv"))).isEqualTo("a,b,c\n1,2,3\n4,5,6\n");
        assertThat(CsvJournal.alternativeName("journal", 3)).isEqualTo("journal-3");
    }

    @Test
    void shouldRefuseARowWithTheWrongNumberOfCellsAndWriteNothingOfIt() throws IOException {
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            j.cell(1).cell(2);
            assertThatThrownBy(j::endRow)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("2 cells");
            j.cell(1).cell(2).cell(3).cell(4);
            assertThatThrownBy(j::endRow).hasMessageContaining("4 cells");
            j.cell(1).cell(2).cell(3).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("a,b,c\n1,2,3\n");
    }

    @Test
    void shouldRefuseRowsAfterClose() throws IOException {
        final CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS);
        j.close();
        j.close();

        assertThatThrownBy(() -> j.cell(1).cell(2).cell(3).endRow()).hasMessageContaining("closed");
    }

    @Test
    void shouldFormatTimesNumbersPricesAndQuantitiesDeterministically() throws IOException {
        final Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            try (CsvJournal j = CsvJournal.open(
                    dir, "t.csv", List.of("ms", "iso", "d", "nan", "bool", "p", "none", "avg", "half", "q", "short"))) {
                j.timeCells(1_767_225_600_123_456_789L)
                        .cell(-1234.5)
                        .cell(Double.NaN)
                        .cell(true)
                        .priceCell(BTC, 651_142L)
                        .priceCell(BTC, Long.MIN_VALUE)
                        .priceCell(BTC, 651_142.0)
                        .priceCell(BTC, 651_142.5)
                        .qtyCell(BTC, 4)
                        .qtyCell(BTC, -1500)
                        .endRow();
                j.cell(1)
                        .emptyCell()
                        .cell(1.0 / 3)
                        .priceCell(BTC, 651_142.123456)
                        .priceCell(BTC, Double.NaN);
                j.emptyCell()
                        .emptyCell()
                        .emptyCell()
                        .emptyCell()
                        .emptyCell()
                        .emptyCell()
                        .endRow();
            }
        } finally {
            Locale.setDefault(saved);
        }

        assertThat(Files.readAllLines(dir.resolve("t.csv"), StandardCharsets.UTF_8))
                .containsExactly(
                        "ms,iso,d,nan,bool,p,none,avg,half,q,short",
                        "1767225600123,2026-01-01T00:00:00.123Z,-1234.5,,true,65114.20,,65114.20,65114.25,0.004,-1.500",
                        "1,,0.33333333,65114.212346,,,,,,,");
    }

    @Test
    void shouldFormatTimesBeforeTheEpochByFlooringToTheMillisecond() throws IOException {
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", List.of("ms", "iso"))) {
            j.timeCells(-1).endRow();
        }

        assertThat(Files.readAllLines(dir.resolve("t.csv"))).containsExactly("ms,iso", "-1,1969-12-31T23:59:59.999Z");
    }

    @Test
    void shouldAppendToAFileWrittenByAnotherWriterInBetween() throws IOException {
        try (CsvJournal j = CsvJournal.open(dir, "t.csv", COLUMNS)) {
            j.cell(1).cell(2).cell(3).endRow();
            Files.writeString(dir.resolve("t.csv"), "x,y,z\n", StandardOpenOption.APPEND);
            j.cell(4).cell(5).cell(6).endRow();
        }

        assertThat(Files.readString(dir.resolve("t.csv"))).isEqualTo("a,b,c\n1,2,3\nx,y,z\n4,5,6\n");
    }

    @Test
    void shouldRefuseColumnNamesWithLineBreaksAndEmptyColumnSets() {
        assertThatThrownBy(() -> CsvJournal.open(dir, "t.csv", List.of("a\nb"))).hasMessageContaining("line break");
        assertThatThrownBy(() -> CsvJournal.open(dir, "t.csv", List.of())).hasMessageContaining("at least one");
    }

    @Test
    void shouldCreateMissingDirectories() throws IOException {
        final Path nested = dir.resolve("a").resolve("b");
        try (CsvJournal j = CsvJournal.open(nested, "t.csv", COLUMNS)) {
            j.cell("x").cell("y").cell("z").endRow();
        }

        assertThat(Files.readString(nested.resolve("t.csv"))).isEqualTo("a,b,c\nx,y,z\n");
    }

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 8).mapToObj(seed -> Arguments.of(seed));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldReadBackRandomTextExactlyAcrossReopens(long seed) throws IOException {
        final SplittableRandom random = new SplittableRandom(seed);
        final String alphabet = "ab ,\"\n\r;'\\é€\t0-";
        final List<List<String>> written = new ArrayList<>();
        written.add(COLUMNS);
        for (int session = 0; session < 3; session++) {
            try (CsvJournal j = CsvJournal.open(dir, "r.csv", COLUMNS)) {
                for (int r = random.nextInt(0, 50); r > 0; r--) {
                    final List<String> row = new ArrayList<>();
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        final StringBuilder cell = new StringBuilder();
                        for (int k = random.nextInt(0, 12); k > 0; k--) {
                            cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                        row.add(cell.toString());
                        j.cell(cell.toString());
                    }
                    j.endRow();
                    written.add(row);
                }
            }
        }

        assertThat(Csv.read(dir.resolve("r.csv"))).isEqualTo(written);
    }
}
