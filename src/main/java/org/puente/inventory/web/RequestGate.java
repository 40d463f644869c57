package org.puente.inventory.web;

import java.net.URI;

/**
 * Consulted by {@link WebFetcher} before every request, redirects included: may refuse the
 * request (robots.txt) and may wait before letting it go (per-host delay).
 */
public interface RequestGate {

    /** Lets every request through at once. */
    RequestGate OPEN = uri -> null;

    /**
     * Waits until the request may be sent.
     *
     * @return {@code null} to send it, or why it must not be sent
     */
    String admit(URI uri) throws InterruptedException;

    /** Called when the request to {@code uri} has ended, whatever its outcome. */
    default void completed(URI uri) {
    }
}
