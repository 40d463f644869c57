package org.puente.inventory.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.puente.inventory.DiscoveryListener;
import org.puente.inventory.FoundDocument;

/** Keeps what a source reports, in order. */
final class RecordingListener implements DiscoveryListener {

    final List<FoundDocument> found = new ArrayList<>();
    final Map<String, String> failed = new LinkedHashMap<>();
    private final List<String> failedLocations = new ArrayList<>();

    @Override
    public void found(FoundDocument document) {
        found.add(document);
    }

    @Override
    public void failed(String location, String reason) {
        failed.put(location, reason);
        failedLocations.add(location);
    }

    List<String> foundLocations() {
        return found.stream().map(FoundDocument::location).toList();
    }

    FoundDocument get(String location) {
        return found.stream().filter(d -> d.location().equals(location)).findFirst()
                .orElseThrow(() -> new AssertionError(location + " not found in " + foundLocations()));
    }

    /** Every failure, duplicates included. */
    List<String> failedLocations() {
        return failedLocations;
    }
}
