package org.rqlib.codec;

/** The degree generator Deg[v] of RFC 6330 section 5.3.5.2. */
final class Deg {
    /** f[d] of the section's table: Deg[v] = d for f[d-1] <= v < f[d]. */
    private static final int[] F = {
        0, 5243, 529531, 704294, 791675, 844104, 879057, 904023, 922747, 937311, 948962, 958494, 966438, 973160,
        978921, 983914, 988283, 992138, 995565, 998631, 1001391, 1003887, 1006157, 1008229, 1010129, 1011876,
        1013490, 1014983, 1016370, 1017662, 1048576,
    };

    private Deg() {
    }

    /** Deg[v] for v in [0, 2^20), limited to W - 2 as the section requires. */
    static int deg(int v, int w) {
        int d = 1;
        while (F[d] <= v) {
            d++;
        }
        return Math.min(d, w - 2);
    }
}
