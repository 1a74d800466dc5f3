package org.footprint.io;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The records of several inputs (files, or byte ranges of files), one after the other, each opened only when
 * reached and streamed. A task's whole group of files goes through it, so its memory is one file's parser
 * state, whatever the files' size.
 *
 * <p>Why not {@code list.stream().flatMap(open).iterator()}: on Java 17 that iterator drains each inner stream
 * into a buffer before handing out the first element, so a task held a whole 1 GB sacct export as rows and
 * never finished with a 4 g heap.
 */
public final class FileByFile<I, T> implements Iterator<T> {
  private final Iterator<I> inputs;
  private final Function<I, Iterator<T>> open;
  private Iterator<T> current = Collections.emptyIterator();

  public FileByFile(List<I> inputs, Function<I, Iterator<T>> open) {
    this.inputs = inputs.iterator();
    this.open = open;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext() && inputs.hasNext()) {
      current = open.apply(inputs.next());
    }
    return current.hasNext();
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
