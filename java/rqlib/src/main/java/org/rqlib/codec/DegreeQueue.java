package org.rqlib.codec;

import java.util.Arrays;

/**
 * A bucket queue of rows keyed by their current degree (non-zeros left in V), for phase 1 of inactivation
 * decoding. Degrees only fall, so a row is pushed again at its new degree and stale entries are skipped when
 * polled: O(1) per push, amortised O(1) per poll.
 */
final class DegreeQueue {
    private final int[] head;
    private int[] nodeRow;
    private int[] nodeNext;
    private int nodes;
    private int min;

    DegreeQueue(int maxDegree, int expectedPushes) {
        head = new int[maxDegree + 1];
        Arrays.fill(head, -1);
        nodeRow = new int[Math.max(16, expectedPushes)];
        nodeNext = new int[nodeRow.length];
        min = head.length;
    }

    /** Queues a row at a degree >= 1; degree 0 rows cannot be chosen and are not queued. */
    void push(int row, int degree) {
        if (degree <= 0) {
            return;
        }
        if (nodes == nodeRow.length) {
            nodeRow = Arrays.copyOf(nodeRow, nodes * 2);
            nodeNext = Arrays.copyOf(nodeNext, nodes * 2);
        }
        nodeRow[nodes] = row;
        nodeNext[nodes] = head[degree];
        head[degree] = nodes++;
        if (degree < min) {
            min = degree;
        }
    }

    /** The row of least current degree that is not used, or -1 when none is left. */
    int poll(int[] degreeOf, boolean[] used) {
        while (min < head.length) {
            int node = head[min];
            while (node >= 0) {
                head[min] = nodeNext[node];
                int row = nodeRow[node];
                if (!used[row] && degreeOf[row] == min) {
                    return row;
                }
                node = head[min];
            }
            min++;
        }
        return -1;
    }
}
