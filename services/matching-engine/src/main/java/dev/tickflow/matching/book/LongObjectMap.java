package dev.tickflow.matching.book;

/**
 * Open-addressing hash map from a long to an object, with linear probing and deletion by backward shift: no boxing
 * and no allocation once sized. Key 0 is reserved as "empty"; order ids are positive.
 */
final class LongObjectMap<V> {

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongObjectMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int index = index(key);
        while (true) {
            long current = keys[index];
            if (current == key) {
                return (V) values[index];
            }
            if (current == 0) {
                return null;
            }
            index = (index + 1) & mask;
        }
    }

    void put(long key, V value) {
        if (key == 0) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int index = index(key);
        while (keys[index] != 0 && keys[index] != key) {
            index = (index + 1) & mask;
        }
        if (keys[index] == 0) {
            size++;
        }
        keys[index] = key;
        values[index] = value;
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int index = index(key);
        while (keys[index] != key) {
            if (keys[index] == 0) {
                return null;
            }
            index = (index + 1) & mask;
        }
        V removed = (V) values[index];
        size--;
        // shift later entries of the same probe run back, so lookups never stop at a hole
        int hole = index;
        int next = (hole + 1) & mask;
        while (keys[next] != 0) {
            int home = index(keys[next]);
            boolean movable = hole <= next ? (home <= hole || home > next) : (home <= hole && home > next);
            if (movable) {
                keys[hole] = keys[next];
                values[hole] = values[next];
                hole = next;
            }
            next = (next + 1) & mask;
        }
        keys[hole] = 0;
        values[hole] = null;
        return removed;
    }

    private int index(long key) {
        long hash = key * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                @SuppressWarnings("unchecked")
                V value = (V) oldValues[i];
                put(oldKeys[i], value);
            }
        }
    }
}
