package io.scalper.core.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict RFC 4180 reader for tests: rows of cells, quoted cells unquoted; a bare quote inside a cell fails. */
final class Csv {
    private Csv() {}

    static List<List<String>> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<List<String>> parse(String text) {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean cellStarted = false;
        while (i < text.length()) {
            final char c = text.charAt(i);
            if (c == '"' && cell.length() == 0 && !cellStarted) {
                cellStarted = true;
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalArgumentException("unterminated quoted cell");
                    }
                    final char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(q);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
                continue;
            }
            if (c == '"') {
                throw new IllegalArgumentException("bare quote at " + i);
            }
            if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = false;
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = false;
                rows.add(row);
                row = new ArrayList<>();
            } else if (c == '\r') {
                throw new IllegalArgumentException("bare CR at " + i);
            } else {
                cell.append(c);
                cellStarted = true;
            }
            i++;
        }
        if (cellStarted || cell.length() > 0 || !row.isEmpty()) {
            throw new IllegalArgumentException("last line has no line break");
        }
        return rows;
    }

    /** The data rows of a file as maps column → cell, checking every row has the header's width. */
    static List<Map<String, String>> records(Path file) throws IOException {
        final List<List<String>> rows = read(file);
        final List<String> header = rows.get(0);
        final List<Map<String, String>> out = new ArrayList<>();
        for (final List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(
                        "row " + row + " has " + row.size() + " cells, header " + header.size());
            }
            final Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c), row.get(c));
            }
            out.add(m);
        }
        return out;
    }
}
