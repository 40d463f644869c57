package org.puente.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * In-memory fuzzy index of translation-memory units: finds the units whose text scores at least
 * a threshold against a query with Pensieve's score ({@link CharacterGrams}), and returns exactly
 * what a full scan with that score would, many times faster.
 *
 * <p>Layout, all int arrays: a dictionary from packed gram to gram id; per gram, the slots of
 * the units holding it (postings, ascending); per slot, its sorted gram ids (forward list) and
 * their count. A slot is the index's own dense number of an added text; units keep the caller's
 * ids (e.g. database row ids).
 *
 * <p>A search reads only the posting lists that can matter. With {@code t} the threshold, a
 * unit with {@code D} grams can reach it against a query with {@code Q} grams only if
 * {@code t/(2-t)·Q <= D <= (2-t)/t·Q} (length filter), and then shares at least
 * {@code need = ceil(t·(Q+Dmin)/2)} grams with it; so every such unit appears in at least one of
 * the {@code Q-need+1} rarest query grams' posting lists (prefix filter), and only those are
 * counted. Candidates that cannot reach their own need are dropped; the rest are verified by
 * intersecting forward lists, and scored as Pensieve scores. The bounds are computed in double
 * from a slightly lowered threshold, so float rounding of the score can never hide a hit.
 *
 * <p>Concurrency: searches run in parallel with each other; {@link #add} and {@link #remove}
 * take a write lock and wait for running searches (and block new ones) while they change the
 * index. Build first, then search from as many threads as wanted; occasional updates while
 * searching are correct, only briefly blocking. Each searching thread keeps its own scratch
 * arrays (two ints per unit slot).
 *
 * <p>A removed unit only gets a tombstone: its postings stay (and count in
 * {@link #approximateBytes()}) until the index is built again. Adding an id again replaces its
 * text (the old slot is tombstoned).
 */
public final class FuzzyIndex {

    /** Threshold lowered by this fraction for the filters: a float score is within 1.2e-7 of its exact value. */
    private static final double BOUND_SLACK = 1e-6;
    private static final double EPSILON = 1e-9;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock read = lock.readLock();
    private final Lock write = lock.writeLock();

    private LongIntMap gramIds = new LongIntMap(1 << 12);
    private int[][] postings = new int[1 << 12][];
    private int[] postingLengths = new int[1 << 12];

    private int slots;
    private int[] slotUnits = new int[1 << 10];
    private int[] slotGrams = new int[1 << 10];
    private int[] forwardStarts = new int[(1 << 10) + 1];
    private int[] forward = new int[1 << 14];
    private long[] removed = new long[(1 << 10) >> 6];
    private int removedCount;
    private LongIntMap unitSlots = new LongIntMap(1 << 10);

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /**
     * Adds a unit's plain text (without inline codes), or replaces the text of a unit already
     * added with this id.
     */
    public void add(int unitId, String plainText) {
        long[] keys = CharacterGrams.keysOf(plainText);
        write.lock();
        try {
            int previous = unitSlots.get(unitId);
            if (previous >= 0 && !isRemoved(previous)) {
                markRemoved(previous);
            }
            int slot = slots;
            ensureSlotCapacity(slot + 1);
            int[] ids = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                int id = gramIds.putIfAbsent(keys[i], gramIds.size());
                if (id >= postingLengths.length) {
                    int capacity = Math.max(id + 1, postingLengths.length * 2);
                    postings = Arrays.copyOf(postings, capacity);
                    postingLengths = Arrays.copyOf(postingLengths, capacity);
                }
                ids[i] = id;
            }
            Arrays.sort(ids);
            int start = forwardStarts[slot];
            if (start + ids.length > forward.length) {
                forward = Arrays.copyOf(forward, Math.max(start + ids.length, forward.length + (forward.length >> 1) + 16));
            }
            System.arraycopy(ids, 0, forward, start, ids.length);
            forwardStarts[slot + 1] = start + ids.length;
            for (int id : ids) {
                int[] list = postings[id];
                int length = postingLengths[id];
                if (list == null) {
                    list = new int[2];
                    postings[id] = list;
                } else if (length == list.length) {
                    list = Arrays.copyOf(list, length + (length >> 1) + 2);
                    postings[id] = list;
                }
                list[length] = slot;
                postingLengths[id] = length + 1;
            }
            slotUnits[slot] = unitId;
            slotGrams[slot] = ids.length;
            unitSlots.put(unitId, slot);
            slots = slot + 1;
        } finally {
            write.unlock();
        }
    }

    /** Removes a unit; false when no unit with this id is in the index. */
    public boolean remove(int unitId) {
        write.lock();
        try {
            int slot = unitSlots.get(unitId);
            if (slot < 0 || isRemoved(slot)) {
                return false;
            }
            markRemoved(slot);
            return true;
        } finally {
            write.unlock();
        }
    }

    /** Units in the index (added and not removed). */
    public int size() {
        read.lock();
        try {
            return slots - removedCount;
        } finally {
            read.unlock();
        }
    }

    /**
     * The units whose text scores at least {@code threshold} against {@code plainText}, best
     * first (score descending, then unit id ascending), at most {@code max}. A unit scoring
     * exactly the threshold is returned. A query without grams (empty, or only supplementary
     * characters) finds nothing.
     *
     * @param threshold in (0, 100], compared with the float score as a double
     * @param max       at least 1
     */
    public List<FuzzyHit> search(String plainText, double threshold, int max) {
        if (!(threshold > 0 && threshold <= 100)) {
            throw new IllegalArgumentException("threshold must be in (0, 100]: " + threshold);
        }
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        long[] keys = CharacterGrams.keysOf(plainText);
        if (keys.length == 0) {
            return List.of();
        }
        Scratch s = scratch.get();
        int hits;
        read.lock();
        try {
            hits = collect(keys, threshold, s);
        } finally {
            read.unlock();
        }
        if (hits == 0) {
            return List.of();
        }
        Arrays.sort(s.hits, 0, hits);
        int n = Math.min(hits, max);
        List<FuzzyHit> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long h = s.hits[i];
            out.add(new FuzzyHit((int) h ^ Integer.MIN_VALUE, Float.intBitsToFloat(Integer.MAX_VALUE - (int) (h >>> 32))));
        }
        return out;
    }

    /**
     * Gives back the room kept for growth (up to a third of the postings and forward lists);
     * for an index built once and then only searched. Adding afterwards works, and grows again.
     */
    public void trimToSize() {
        write.lock();
        try {
            int grams = gramIds.size();
            for (int g = 0; g < grams; g++) {
                if (postings[g].length != postingLengths[g]) {
                    postings[g] = Arrays.copyOf(postings[g], postingLengths[g]);
                }
            }
            postings = Arrays.copyOf(postings, Math.max(1, grams));
            postingLengths = Arrays.copyOf(postingLengths, Math.max(1, grams));
            forward = Arrays.copyOf(forward, forwardStarts[slots]);
            int capacity = Math.max(1, slots);
            slotUnits = Arrays.copyOf(slotUnits, capacity);
            slotGrams = Arrays.copyOf(slotGrams, capacity);
            forwardStarts = Arrays.copyOf(forwardStarts, capacity + 1);
            removed = Arrays.copyOf(removed, (capacity + 63) >> 6);
        } finally {
            write.unlock();
        }
    }

    /** Only arrays of primitives, in the shapes {@link #write} writes, are read back. */
    private static final java.io.ObjectInputFilter STORED_SHAPES = java.io.ObjectInputFilter.Config.createFilter(
            "maxdepth=3;maxarray=1000000000;[I;[[I;[J;[Z;!*");

    /**
     * Writes the index, trimmed, so that {@link #read} gives the same index back without its
     * texts: a later process need not build it again.
     */
    public void write(java.io.OutputStream out) throws java.io.IOException {
        trimToSize();
        read.lock();
        try {
            java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(out);
            gramIds.write(o);
            o.writeObject(postings);
            o.writeObject(postingLengths);
            o.writeInt(slots);
            o.writeObject(slotUnits);
            o.writeObject(slotGrams);
            o.writeObject(forwardStarts);
            o.writeObject(forward);
            o.writeObject(removed);
            o.writeInt(removedCount);
            unitSlots.write(o);
            o.writeLong(checksum());
            o.flush();
        } finally {
            read.unlock();
        }
    }

    /**
     * An index as {@link #write} wrote it.
     *
     * @throws java.io.IOException when the stream is not such an index (damaged, or of another format)
     */
    public static FuzzyIndex read(java.io.InputStream in) throws java.io.IOException {
        java.io.ObjectInputStream o = new java.io.ObjectInputStream(in);
        o.setObjectInputFilter(STORED_SHAPES);
        FuzzyIndex index = new FuzzyIndex();
        long stored;
        try {
            index.gramIds = LongIntMap.read(o);
            index.postings = (int[][]) o.readObject();
            index.postingLengths = (int[]) o.readObject();
            index.slots = o.readInt();
            index.slotUnits = (int[]) o.readObject();
            index.slotGrams = (int[]) o.readObject();
            index.forwardStarts = (int[]) o.readObject();
            index.forward = (int[]) o.readObject();
            index.removed = (long[]) o.readObject();
            index.removedCount = o.readInt();
            index.unitSlots = LongIntMap.read(o);
            stored = o.readLong();
        } catch (ClassNotFoundException | ClassCastException | java.io.InvalidClassException e) {
            throw new java.io.IOException("not a stored fuzzy index: " + e.getMessage(), e);
        }
        int grams = index.gramIds.size();
        if (index.slots < 0 || index.postings.length < grams || index.postingLengths.length < grams
                || index.slotUnits.length < index.slots || index.slotGrams.length < index.slots
                || index.forwardStarts.length < index.slots + 1 || index.forward.length < index.forwardStarts[index.slots]
                || index.removed.length < (index.slots + 63) >> 6) {
            throw new java.io.IOException("not a stored fuzzy index: inconsistent sizes");
        }
        for (int g = 0; g < grams; g++) {
            if (index.postings[g] == null || index.postings[g].length < index.postingLengths[g]) {
                throw new java.io.IOException("not a stored fuzzy index: inconsistent postings");
            }
        }
        if (index.checksum() != stored) {
            throw new java.io.IOException("stored fuzzy index damaged (checksum)");
        }
        return index;
    }

    /** A 64-bit FNV-1a over every stored value: a damaged file is refused, not searched. */
    private long checksum() {
        long h = 0xcbf29ce484222325L;
        h = mix(h, gramIds.keys);
        h = mix(h, gramIds.values);
        for (int g = 0; g < gramIds.size(); g++) {
            h = mix(h, postings[g], postingLengths[g]);
        }
        h = mix(h, postingLengths);
        h = mix(h, slotUnits);
        h = mix(h, slotGrams);
        h = mix(h, forwardStarts);
        h = mix(h, forward);
        h = mix(h, removed);
        h = mix(h, unitSlots.keys);
        h = mix(h, unitSlots.values);
        return (h ^ slots) * 0x100000001b3L ^ removedCount ^ gramIds.size() ^ ((long) unitSlots.size() << 32);
    }

    private static long mix(long h, int[] values) {
        return mix(h, values, values.length);
    }

    private static long mix(long h, int[] values, int length) {
        for (int i = 0; i < length; i++) {
            h = (h ^ values[i]) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h, long[] values) {
        for (long v : values) {
            h = (h ^ v) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * Heap taken by the index's arrays (capacity, not only the used part), in bytes; the
     * per-thread scratch arrays of searching threads come on top.
     */
    public long approximateBytes() {
        read.lock();
        try {
            long bytes = gramIds.bytes() + unitSlots.bytes()
                    + 4L * (postingLengths.length + slotUnits.length + slotGrams.length + forwardStarts.length + forward.length)
                    + 8L * removed.length + 4L * postings.length;
            int grams = gramIds.size();
            for (int g = 0; g < grams; g++) {
                bytes += 16 + ((4L * postings[g].length + 7) & ~7L);
            }
            return bytes;
        } finally {
            read.unlock();
        }
    }

    /** Fills s.hits with encoded hits (see {@link #encode}); returns how many. Under the read lock. */
    private int collect(long[] keys, double threshold, Scratch s) {
        int q = keys.length;
        s.ensure(slots, q);
        long[] order = s.order;
        int known = 0;
        for (long key : keys) {
            int id = gramIds.get(key);
            if (id >= 0) {
                order[known++] = ((long) postingLengths[id] << 32) | id;
            }
        }
        double t = threshold / 100.0 * (1 - BOUND_SLACK);
        int dMin = Math.max(1, (int) Math.ceil(t / (2 - t) * q - EPSILON));
        int dMax = (int) Math.min(Integer.MAX_VALUE, Math.floor((2 - t) / t * q + EPSILON));
        int need = Math.max(1, (int) Math.ceil(t * (q + dMin) / 2 - EPSILON));
        // grams unknown to the index have empty postings: they come first in rarity order
        int prefix = q - need + 1;
        int scanned = prefix - (q - known);
        if (scanned <= 0) {
            return 0;
        }
        scanned = Math.min(scanned, known);
        Arrays.sort(order, 0, known);
        int[] counts = s.counts;
        int[] touched = s.touched;
        int candidates = 0;
        for (int k = 0; k < scanned; k++) {
            int id = (int) order[k];
            int[] list = postings[id];
            for (int p = 0, e = postingLengths[id]; p < e; p++) {
                int slot = list[p];
                int d = slotGrams[slot];
                if (d < dMin || d > dMax) {
                    continue;
                }
                if (counts[slot]++ == 0) {
                    touched[candidates++] = slot;
                }
            }
        }
        if (candidates == 0) {
            return 0;
        }
        boolean exactCounts = scanned == known;
        int[] queryIds = s.queryIds;
        if (!exactCounts) {
            for (int i = 0; i < known; i++) {
                queryIds[i] = (int) order[i];
            }
            Arrays.sort(queryIds, 0, known);
        }
        int unscanned = known - scanned;
        int hits = 0;
        for (int i = 0; i < candidates; i++) {
            int slot = touched[i];
            int count = counts[slot];
            counts[slot] = 0;
            int d = slotGrams[slot];
            int needHere = (int) Math.ceil(t * (q + d) / 2 - EPSILON);
            if (count + unscanned < needHere || isRemoved(slot)) {
                continue;
            }
            int common = exactCounts ? count : intersect(queryIds, known, forward, forwardStarts[slot], forwardStarts[slot + 1]);
            float score = CharacterGrams.pensieveScore(common, q, d);
            if (score >= threshold) {
                if (hits == s.hits.length) {
                    s.hits = Arrays.copyOf(s.hits, hits * 2);
                }
                s.hits[hits++] = encode(slotUnits[slot], score);
            }
        }
        return hits;
    }

    /** Sorts ascending as score descending, then unit id ascending. Scores are >= 0: their bits order as they do. */
    private static long encode(int unitId, float score) {
        return ((long) (Integer.MAX_VALUE - Float.floatToIntBits(score)) << 32) | ((unitId ^ Integer.MIN_VALUE) & 0xFFFFFFFFL);
    }

    private static int intersect(int[] a, int aLength, int[] b, int bFrom, int bTo) {
        int i = 0;
        int j = bFrom;
        int c = 0;
        while (i < aLength && j < bTo) {
            int x = a[i];
            int y = b[j];
            if (x == y) {
                c++;
                i++;
                j++;
            } else if (x < y) {
                i++;
            } else {
                j++;
            }
        }
        return c;
    }

    private boolean isRemoved(int slot) {
        return (removed[slot >>> 6] & (1L << slot)) != 0;
    }

    private void markRemoved(int slot) {
        removed[slot >>> 6] |= 1L << slot;
        removedCount++;
    }

    private void ensureSlotCapacity(int needed) {
        if (needed <= slotUnits.length) {
            return;
        }
        int capacity = Math.max(needed, slotUnits.length + (slotUnits.length >> 1));
        slotUnits = Arrays.copyOf(slotUnits, capacity);
        slotGrams = Arrays.copyOf(slotGrams, capacity);
        forwardStarts = Arrays.copyOf(forwardStarts, capacity + 1);
        removed = Arrays.copyOf(removed, (capacity + 63) >> 6);
    }

    /** One searching thread's arrays; counts are all zero between searches. */
    private static final class Scratch {
        int[] counts = new int[0];
        int[] touched = new int[0];
        long[] order = new long[64];
        int[] queryIds = new int[64];
        long[] hits = new long[64];

        void ensure(int slots, int queryGrams) {
            if (counts.length < slots) {
                int capacity = Math.max(slots, counts.length + (counts.length >> 1));
                counts = new int[capacity];
                touched = new int[capacity];
            }
            if (order.length < queryGrams) {
                order = new long[queryGrams];
                queryIds = new int[queryGrams];
            }
        }
    }

    /** Open-addressing map from long to int without boxing; absent keys give -1. */
    private static final class LongIntMap {
        private long[] keys;
        private int[] values;
        private boolean[] used;
        private int size;
        private int mask;

        LongIntMap(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
            keys = new long[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
        }

        int get(long key) {
            int i = mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            return -1;
        }

        /** The value of key, or value after putting it. */
        int putIfAbsent(long key, int value) {
            return put(key, value, false);
        }

        void put(long key, int value) {
            put(key, value, true);
        }

        int size() {
            return size;
        }

        long bytes() {
            return keys.length * 13L;
        }

        private int put(long key, int value, boolean replace) {
            if (size * 2 >= keys.length) {
                grow();
            }
            int i = mix(key) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    if (replace) {
                        values[i] = value;
                    }
                    return values[i];
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            values[i] = value;
            size++;
            return value;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            boolean[] oldUsed = used;
            int capacity = oldKeys.length * 2;
            keys = new long[capacity];
            values = new int[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldUsed[i]) {
                    put(oldKeys[i], oldValues[i], true);
                }
            }
        }

        void write(java.io.ObjectOutputStream o) throws java.io.IOException {
            o.writeObject(keys);
            o.writeObject(values);
            o.writeObject(used);
            o.writeInt(size);
        }

        static LongIntMap read(java.io.ObjectInputStream o) throws java.io.IOException, ClassNotFoundException {
            LongIntMap map = new LongIntMap(1);
            map.keys = (long[]) o.readObject();
            map.values = (int[]) o.readObject();
            map.used = (boolean[]) o.readObject();
            map.size = o.readInt();
            int capacity = map.keys.length;
            if (Integer.bitCount(capacity) != 1 || map.values.length != capacity || map.used.length != capacity
                    || map.size < 0 || map.size * 2 > capacity) {
                throw new java.io.IOException("not a stored fuzzy index: inconsistent map");
            }
            map.mask = capacity - 1;
            return map;
        }

        private static int mix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return (int) k;
        }
    }
}
