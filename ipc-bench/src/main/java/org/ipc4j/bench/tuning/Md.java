package org.ipc4j.bench.tuning;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Markdown pieces of the guide. */
final class Md {
    private Md() {
    }

    static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
        if (rows.isEmpty()) {
            md.append("_No points measured in this run._\n\n");
            return;
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            md.append(i == 0 ? "---|" : "---:|");
        }
        md.append('\n');
        for (List<String> row : rows) {
            md.append("| ");
            for (int i = 0; i < row.size(); i++) {
                md.append(i == 0 ? "" : " | ").append(Fmt.cell(row.get(i)));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    /** A link to the chart if it was drawn (charts with no data are not). */
    static void chart(StringBuilder md, Path file, String alt) {
        if (Files.exists(file)) {
            md.append("![").append(alt).append("](charts/").append(file.getFileName()).append(")\n\n");
        }
    }

    static void code(StringBuilder md, String... lines) {
        md.append("```java\n").append(String.join("\n", lines)).append("\n```\n\n");
    }

    /** The notes the measuring JVMs left (their CPU placement), if any. */
    static void notes(StringBuilder md, Points points) {
        List<String> notes = points.list().stream().map(TuningRecord::note).filter(n -> !n.isEmpty()).distinct()
                .collect(java.util.stream.Collectors.toList());
        if (!notes.isEmpty()) {
            md.append("_Placement: ").append(String.join("; ", notes)).append("._\n\n");
        }
    }

    static void recommendation(StringBuilder md, String text) {
        md.append("**Recommendation (from the numbers above):** ").append(Character.toUpperCase(text.charAt(0)))
                .append(text.substring(1)).append("\n\n");
    }
}
