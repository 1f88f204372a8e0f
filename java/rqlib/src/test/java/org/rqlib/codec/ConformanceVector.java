package org.rqlib.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** One RFC 6330 conformance vector of testdata/vectors: its metadata, object and packets. */
record ConformanceVector(String name, JsonNode meta, byte[] data, byte[] packets) {

    static Path directory() {
        String dir = System.getProperty("rqlib.vectors");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new IllegalStateException("conformance vectors not found: system property rqlib.vectors="
                    + dir + " (expected testdata/vectors in the checkout)");
        }
        return Path.of(dir);
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("no vectors in " + directory());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ConformanceVector load(String name) {
        try {
            Path dir = directory();
            JsonNode meta = new ObjectMapper().readTree(dir.resolve(name + ".json").toFile());
            return new ConformanceVector(name, meta, Files.readAllBytes(dir.resolve(meta.get("data_file").asText())),
                    Files.readAllBytes(dir.resolve(meta.get("packets_file").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Oti oti() {
        return new Oti(meta.get("transfer_length").asLong(), meta.get("symbol_size").asInt(),
                meta.get("source_blocks").asInt(), meta.get("sub_blocks").asInt(), meta.get("alignment").asInt());
    }

    String otiHex() {
        return meta.get("oti_hex").asText();
    }

    int packetSize() {
        return meta.get("packet_size").asInt();
    }

    int packetCount() {
        return packets.length / packetSize();
    }

    int sbnOf(int packet) {
        return packets[packet * packetSize()] & 0xFF;
    }

    int esiOf(int packet) {
        int o = packet * packetSize();
        return ((packets[o + 1] & 0xFF) << 16) | ((packets[o + 2] & 0xFF) << 8) | (packets[o + 3] & 0xFF);
    }

    EncodingPacket packet(int packet) {
        return EncodingPacket.parse(packets, packet * packetSize(), packetSize(), oti());
    }

    String sourceSha256() {
        return meta.get("source_sha256").asText();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
