package org.rqlib.soak;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a process holds that a library can leak: live threads, direct buffers (the JVM's "direct" buffer pool:
 * count and bytes), open file descriptors (/proc/self/fd) and files under a directory. Two snapshots compared
 * give the leaks. Immutable.
 */
record ResourceSnapshot(Set<Long> threadIds, long directCount, long directBytes, List<String> openFiles,
        List<String> files) {

    static ResourceSnapshot take(Path workDirectory) {
        Set<Long> threads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getId).collect(Collectors.toSet());
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        return new ResourceSnapshot(threads, direct.getCount(), direct.getMemoryUsed(), countOpenFiles(),
                listFiles(workDirectory));
    }

    /** What each open descriptor points to (/proc/self/fd), so that a leak names its file. */
    private static List<String> countOpenFiles() {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // the descriptor of this very listing, closed by now
                }
            }
        } catch (IOException e) {
            // not Linux: no descriptors to compare; the other checks still run
        }
        return targets;
    }

    /** Descriptors open now beyond those open in {@code before}, by target. */
    List<String> newOpenFiles(ResourceSnapshot before) {
        List<String> extra = new ArrayList<>(openFiles);
        for (String target : before.openFiles) {
            extra.remove(target);
        }
        return extra;
    }

    private static List<String> listFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            return List.of("(cannot list " + dir + ": " + e + ")");
        }
    }

    /** Threads alive now that were not in {@code before}, by name. */
    List<String> newThreads(ResourceSnapshot before) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && threadIds.contains(t.getId()) && !before.threadIds.contains(t.getId())) {
                names.add(t.getName());
            }
        }
        return names;
    }
}
