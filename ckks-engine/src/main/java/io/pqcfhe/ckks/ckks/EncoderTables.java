package io.pqcfhe.ckks.ckks;

/**
 * The floating-point tables of the canonical embedding for degree N: the twist ζ^k (ζ = e^(iπ/N)), the
 * FFT twiddles ω^j (ω = ζ²), and the FFT position of each slot and of its conjugate. Slot i is the
 * evaluation at ζ^(3^i mod 2N), which is FFT position t with 2t + 1 = 3^i mod 2N (SEAL's order, generator
 * 3); its conjugate sits at 2t′ + 1 = 2N − 3^i. Immutable.
 */
final class EncoderTables {

    final int n;
    final int logN;
    final double[] twistCos;
    final double[] twistSin;
    final double[] twiddleCos;
    final double[] twiddleSin;
    final int[] slotPosition;
    final int[] conjugatePosition;
    final int[] bitReversal;

    EncoderTables(int n) {
        this.n = n;
        this.logN = Integer.numberOfTrailingZeros(n);
        twistCos = new double[n];
        twistSin = new double[n];
        for (int k = 0; k < n; k++) {
            double angle = Math.PI * k / n;
            twistCos[k] = Math.cos(angle);
            twistSin[k] = Math.sin(angle);
        }
        twiddleCos = new double[n / 2];
        twiddleSin = new double[n / 2];
        for (int j = 0; j < n / 2; j++) {
            double angle = 2 * Math.PI * j / n;
            twiddleCos[j] = Math.cos(angle);
            twiddleSin[j] = Math.sin(angle);
        }
        int slots = n / 2;
        slotPosition = new int[slots];
        conjugatePosition = new int[slots];
        long m = 2L * n;
        long power = 1;
        for (int i = 0; i < slots; i++) {
            slotPosition[i] = (int) ((power - 1) / 2);
            conjugatePosition[i] = (int) ((m - power - 1) / 2);
            power = power * 3 % m;
        }
        bitReversal = new int[n];
        for (int i = 0; i < n; i++) {
            bitReversal[i] = Integer.reverse(i) >>> (32 - logN);
        }
    }

    /**
     * In-place DFT of length N: X_t = Σ_k x_k · ω^(sign·k·t), radix-2, decimation in time after a
     * bit-reversal permutation.
     */
    void fft(double[] re, double[] im, int sign) {
        for (int i = 0; i < n; i++) {
            int j = bitReversal[i];
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = twiddleCos[k * stride];
                    double wi = sign * twiddleSin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
