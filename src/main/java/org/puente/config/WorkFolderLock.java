package org.puente.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a file of the working folder, so that two processes do not do the same
 * work at once (two runs, two imports). The operating system releases it when the process ends,
 * killed or not, so a stale lock never blocks anyone.
 *
 * <p>A lock can be {@linkplain #reserve reserved} by a process for its own coming work (a run's
 * parser processes start while the application starts): the next {@link #acquire} of that file in
 * the same process is handed the reserved lock.
 */
public final class WorkFolderLock implements AutoCloseable {

    /** Locks this process took ahead for its own later {@link #acquire}, by absolute file. */
    private static final Map<Path, WorkFolderLock> RESERVED = new ConcurrentHashMap<>();

    private final FileChannel channel;
    private final FileLock lock;

    private WorkFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock, or fails with {@code busyMessage} when another process (or another
     * thread of this one) holds it.
     */
    public static WorkFolderLock acquire(Path file, String busyMessage) throws IOException {
        WorkFolderLock reserved = RESERVED.remove(key(file));
        if (reserved != null) {
            return reserved;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException(busyMessage);
        }
        return new WorkFolderLock(channel, lock);
    }

    /**
     * Takes the lock now for this process's own next {@link #acquire} of the same file.
     *
     * @return false when another process (or this one) already holds it, or it cannot be taken
     */
    public static boolean reserve(Path file) {
        try {
            RESERVED.put(key(file), acquire(file, "busy"));
            return true;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    /** Releases a lock {@linkplain #reserve reserved} and not acquired since; nothing otherwise. */
    public static void cancelReservation(Path file) throws IOException {
        WorkFolderLock reserved = RESERVED.remove(key(file));
        if (reserved != null) {
            reserved.close();
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Whether some process holds the lock right now. */
    public static boolean isHeld(Path file) {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException heldHere) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
