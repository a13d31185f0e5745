package org.spamtraffic.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a file's rows on a thread of its own, a few batches ahead of the Spark task that checks and
 * writes them. A workbook cannot be split, so one big workbook is one task; parsing its XML (and
 * turning the cells into Spark's text) on a second thread keeps a second core busy. The queue is
 * bounded (8 batches of 512 rows), so memory stays flat however long the sheet.
 *
 * @param <T> the rows handed over
 */
final class PrefetchingRows<T> implements Iterator<T>, java.io.Closeable {
  private static final int BATCH = 512;
  private static final Object END = new Object();

  private final Iterator<T> source;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
  private final Thread producer;
  private volatile boolean closed;
  private Iterator<T> batch = Collections.emptyIterator();
  private boolean ended;

  /** Starts reading {@code source} ahead; it must close what it reads when it runs out. */
  PrefetchingRows(Iterator<T> source, String name) {
    this.source = source;
    this.producer = new Thread(this::produce, "read-ahead " + name);
    producer.setDaemon(true);
    producer.start();
  }

  private void produce() {
    try {
      List<T> rows = new ArrayList<>(BATCH);
      while (!closed && source.hasNext()) {
        rows.add(source.next());
        if (rows.size() == BATCH) {
          put(rows);
          rows = new ArrayList<>(BATCH);
        }
      }
      if (!rows.isEmpty()) {
        put(rows);
      }
      put(END);
    } catch (RuntimeException | Error e) {
      put(e); // handed to the task, which turns it into the file's error row
    }
  }

  private void put(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean hasNext() {
    while (!batch.hasNext()) {
      if (ended) {
        return false;
      }
      Object item = take();
      if (item == END) {
        ended = true;
        return false;
      }
      if (item instanceof RuntimeException e) {
        ended = true;
        throw e;
      }
      if (item instanceof Error e) {
        ended = true;
        throw e;
      }
      @SuppressWarnings("unchecked")
      List<T> rows = (List<T>) item;
      batch = rows.iterator();
    }
    return true;
  }

  private Object take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while reading", e));
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return batch.next();
  }

  /** Stops reading ahead (a task that ends before the rows do). */
  @Override
  public void close() {
    closed = true;
    try {
      producer.join(10_000); // it stops after its current row, or within 100 ms if blocked
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
