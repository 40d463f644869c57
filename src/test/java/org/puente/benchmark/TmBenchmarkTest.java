package org.puente.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The side-by-side benchmark on a small generated memory: both engines run and agree. */
class TmBenchmarkTest {

    @TempDir
    Path work;

    @Test
    void measuresBothEnginesOnTheSameQueriesAndComparesTheirMatches() throws Exception {
        String[] rooms = {"reading room", "map room", "music library", "archive", "children's corner"};
        String[] days = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
        StringBuilder units = new StringBuilder();
        for (String room : rooms) {
            for (int d = 0; d < days.length; d++) {
                units.append("<tu><tuv xml:lang=\"en\"><seg>The ").append(room).append(" opens at ").append(8 + d)
                        .append(" on ").append(days[d]).append(".</seg></tuv><tuv xml:lang=\"es\"><seg>La sala abre a las ")
                        .append(8 + d).append(" el día ").append(d).append(" (").append(room).append(").</seg></tuv></tu>\n");
            }
        }
        Path tmx = Files.writeString(work.resolve("small.tmx"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <tmx version="1.4"><header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test"
                  adminlang="en" srclang="en" datatype="plaintext"/><body>
                %s</body></tmx>
                """.formatted(units), StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        new TmBenchmark(new TmBenchmark.Options(tmx, "en", "es", 5, 75, 5, 7, work.resolve("scratch")),
                new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();

        String report = bytes.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("Memory: 25 units", "5 held-out sentences");
        // Both engines answer the same queries: the same number of them have a match, at least one.
        assertThat(report).containsPattern("Pensieve +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +([1-5])/5 .*\\R"
                + "Puente +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9.]+ +[0-9.]+ +\\1/5 ");
        // Puente finds all of Pensieve's matches.
        assertThat(report).containsPattern("also found by Puente: ([1-9][0-9]*) of \\1 \\(100.00%\\)");
    }
}
