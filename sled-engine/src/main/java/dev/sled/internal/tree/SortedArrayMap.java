package dev.sled.internal.tree;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SortedMap;

/**
 * An immutable sorted map over two parallel arrays whose keys are strictly ascending in their natural
 * order. It exists so that {@code new ConcurrentSkipListMap<>(sortedMap)} builds a tree's index in
 * linear time when a database opens, instead of searching the skip list once per leaf.
 */
final class SortedArrayMap<K extends Comparable<K>, V> extends AbstractMap<K, V> implements SortedMap<K, V> {

    private final K[] keys;
    private final V[] values;
    private final int from;
    private final int to;

    SortedArrayMap(K[] keys, V[] values) {
        this(keys, values, 0, keys.length);
    }

    private SortedArrayMap(K[] keys, V[] values, int from, int to) {
        this.keys = keys;
        this.values = values;
        this.from = from;
        this.to = to;
    }

    @Override
    public Comparator<? super K> comparator() {
        return null; // natural order
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        return new SortedArrayMap<>(keys, values, indexOf(fromKey), Math.max(indexOf(fromKey), indexOf(toKey)));
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return new SortedArrayMap<>(keys, values, from, indexOf(toKey));
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return new SortedArrayMap<>(keys, values, indexOf(fromKey), to);
    }

    /** The first index in this view whose key is not below {@code key}. */
    private int indexOf(K key) {
        int i = Arrays.binarySearch(keys, from, to, key);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public K firstKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[from];
    }

    @Override
    public K lastKey() {
        if (from == to) {
            throw new NoSuchElementException();
        }
        return keys[to - 1];
    }

    @Override
    public int size() {
        return to - from;
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Iterator<>() {
                    private int next = from;

                    @Override
                    public boolean hasNext() {
                        return next < to;
                    }

                    @Override
                    public Entry<K, V> next() {
                        if (next >= to) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return to - from;
            }
        };
    }
}
