package org.rqlib.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structure-aware mutations of JSON text, for layouts: byte mutations alone mostly break the syntax, so half of
 * these replace one number or string with an edge value of another type or size, or drop, repeat or swap whole
 * lines (fields and array elements, since layouts have one per line). Stateless.
 */
public final class JsonMutator {
    private static final Pattern TOKEN = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?|\"[^\"]*\"");
    private static final String[] VALUES = {"0", "-1", "1", "255", "256", "12", "65535", "65536", "2147483647",
        "2147483648", "4294967296", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "946270874880", "946270874881", "1e308", "1e999", "0.5", "-0", "1.0", "null", "true", "[]", "{}", "\"\"",
        "\"0\"", "\"1111111111111111111111111111111111111111111\"", "\"llllllllllllllllllllllllllllllllllllllllllll\"",
        "[0,0,0,0,1,0,0,8,1,0,1,8]", "\"blocks\"", "\"\\u0000\"", "[[[[[[[[[[]]]]]]]]]]"};

    private JsonMutator() {
    }

    public static byte[] mutate(byte[] json, List<byte[]> corpus, Random random) {
        if (random.nextBoolean()) {
            return Mutator.mutate(json, corpus, random);
        }
        String text = new String(json, StandardCharsets.UTF_8);
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            text = random.nextBoolean() ? replaceToken(text, random) : editLines(text, random);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String replaceToken(String text, Random random) {
        List<int[]> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(new int[] {m.start(), m.end()});
        }
        if (tokens.isEmpty()) {
            return text;
        }
        int[] t = tokens.get(random.nextInt(tokens.size()));
        String value = random.nextInt(4) == 0
                ? String.valueOf(Long.parseLong(digitsOr(text.substring(t[0], t[1]))) + random.nextInt(5) - 2)
                : VALUES[random.nextInt(VALUES.length)];
        return text.substring(0, t[0]) + value + text.substring(t[1]);
    }

    private static String digitsOr(String token) {
        return token.matches("-?\\d{1,18}") ? token : "0";
    }

    private static String editLines(String text, Random random) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> lines.remove(at);
            case 1 -> lines.add(random.nextInt(lines.size() + 1), lines.get(at));
            default -> java.util.Collections.swap(lines, at, random.nextInt(lines.size()));
        }
        return String.join("\n", lines);
    }
}
