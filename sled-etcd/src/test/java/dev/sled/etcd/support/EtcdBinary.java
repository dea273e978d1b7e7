package dev.sled.etcd.support;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the etcd binary ({@code -Dsled.etcd.binary}, default {@code etcd} on the PATH). Without it the etcd
 * tests are skipped, unless {@code -Dsled.etcd.required=true} (set by CI), which makes them fail.
 */
public final class EtcdBinary {

    private EtcdBinary() {
    }

    public static String path() {
        return System.getProperty("sled.etcd.binary", "etcd");
    }

    /** Skips or fails the calling test when etcd cannot be run. */
    public static void require() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String message = problem + ". Install it with `sled-etcd/src/test/scripts/etcd-cluster.sh install`"
                + " (Debian package etcd-server) or point -Dsled.etcd.binary at it.";
        if (Boolean.getBoolean("sled.etcd.required")) {
            Assertions.fail("sled.etcd.required=true but " + message);
        }
        Assumptions.abort("etcd tests skipped: " + message);
    }

    private static String problem() {
        try {
            Process p = new ProcessBuilder(path(), "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "`" + path() + " --version` failed";
            }
            return null;
        } catch (IOException e) {
            return "the etcd binary `" + path() + "` was not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while looking for etcd";
        }
    }
}
