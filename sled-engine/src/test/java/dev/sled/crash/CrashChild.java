package dev.sled.crash;

import dev.sled.SledConfig;
import dev.sled.SledDb;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process that gets killed: applies the workload's history to the database, flushing at random
 * points, and prints {@code ACK n} once the first n units are durable (and {@code ID x} for durable
 * generated IDs), so the parent knows what must survive.
 */
public final class CrashChild {

    public static void main(String[] args) {
        Path path = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int start = Integer.parseInt(args[2]);
        int units = Integer.parseInt(args[3]);
        Random rnd = new Random(seed ^ start);
        SledConfig cfg = SledConfig.builder().path(path).nodeMaxEntries(4 + rnd.nextInt(8)).segmentSize(4096)
                .cacheCapacity(64 * 1024).flushEveryMs(rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(20)).idReservation(7);
        try (SledDb db = cfg.open()) {
            CrashWorkload history = new CrashWorkload(seed);
            for (int i = 0; i < start; i++) {
                history.next(); // already in the database: regenerate to stay in step
            }
            System.out.println("READY");
            for (int i = start; i < units; i++) {
                System.out.println("AT " + (i + 1));
                System.out.flush(); // System.out buffers; a line still buffered at the kill would be lost
                CrashWorkload.apply(db, history.next());
                if (rnd.nextInt(8) == 0) {
                    long id = db.generateId();
                    db.flush();
                    System.out.println("ID " + id);
                    System.out.println("ACK " + (i + 1));
                    System.out.flush();
                }
            }
            db.flush();
            System.out.println("ACK " + units);
            System.out.flush();
        }
    }
}
