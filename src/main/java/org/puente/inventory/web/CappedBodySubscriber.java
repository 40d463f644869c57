package org.puente.inventory.web;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives a response body: either writes it to a temporary file while hashing it, stopping
 * once it exceeds a size, or (for redirects and errors) reads a little of it and hangs up.
 * Never holds more than one buffer in memory.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBodySubscriber.Body> {

    /** Body bytes read from a response that is not kept before the connection is dropped. */
    private static final long DISCARD_LIMIT = 64 * 1024;

    /** What was received: the temporary file (null when discarded), its size and SHA-256. */
    record Body(Path file, long size, String sha256) {
    }

    /** The body exceeded the size cap. */
    static final class TooLargeException extends IOException {
        TooLargeException(long maxBytes) {
            super("larger than " + ByteSize.format(maxBytes));
        }
    }

    private final Path tempDir;
    private final long maxBytes;
    private final boolean rejectAtOnce;
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final MessageDigest digest;
    private Flow.Subscription subscription;
    private Path file;
    private FileChannel channel;
    private long count;

    private CappedBodySubscriber(Path tempDir, long maxBytes, boolean rejectAtOnce) {
        this.tempDir = tempDir;
        this.maxBytes = maxBytes;
        this.rejectAtOnce = rejectAtOnce;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Keeps the body in a temporary file in {@code tempDir}, up to {@code maxBytes}. */
    static CappedBodySubscriber toFile(Path tempDir, long maxBytes) {
        return new CappedBodySubscriber(tempDir, maxBytes, false);
    }

    /** Fails at once with {@link TooLargeException}: the declared length is already too large. */
    static CappedBodySubscriber rejecting(long maxBytes) {
        return new CappedBodySubscriber(null, maxBytes, true);
    }

    /** Reads and drops a little of the body, then hangs up. */
    static CappedBodySubscriber discarding() {
        return new CappedBodySubscriber(null, DISCARD_LIMIT, false);
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
            return;
        }
        if (rejectAtOnce) {
            fail(new TooLargeException(maxBytes));
            return;
        }
        if (tempDir != null) {
            try {
                file = Files.createTempFile(tempDir, "download-", ".part");
                channel = FileChannel.open(file, StandardOpenOption.WRITE);
            } catch (IOException e) {
                fail(e);
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                count += buffer.remaining();
                if (count > maxBytes) {
                    if (tempDir == null && !rejectAtOnce) {
                        // discarding: enough has been read, keep nothing and hang up
                        subscription.cancel();
                        result.complete(new Body(null, count, null));
                    } else {
                        fail(new TooLargeException(maxBytes));
                    }
                    return;
                }
                if (channel != null) {
                    digest.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        fail(throwable);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        try {
            if (channel != null) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        String sha = channel == null ? null : HexFormat.of().formatHex(digest.digest());
        result.complete(new Body(file, count, sha));
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    /** Stops receiving (e.g. on timeout) and deletes what was written. */
    synchronized void abort() {
        fail(new CancellationException("aborted"));
    }

    /** Deletes the temporary file, if any; for bodies that were received but are not kept. */
    synchronized void discardFile() {
        deleteFile();
    }

    private void fail(Throwable cause) {
        if (subscription != null) {
            subscription.cancel();
        }
        if (result.isDone()) {
            return;
        }
        deleteFile();
        result.completeExceptionally(cause);
    }

    private void deleteFile() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a stray .part file in the cache is harmless
        }
    }
}
