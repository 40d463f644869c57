package org.puente.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file of the working folder, so that two processes do not do the same
 * work at once (two runs, two imports). The operating system releases it when the process ends,
 * killed or not, so a stale lock never blocks anyone.
 */
public final class WorkFolderLock implements AutoCloseable {

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
