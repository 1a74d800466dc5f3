package org.footprint.source.kubernetes;

/** Column-name lists for {@code Dataset.join(other, usingColumns, type)}, which takes a Scala Seq. */
final class SeqOf {
  private SeqOf() {}

  static scala.collection.immutable.Seq<String> names(String... cols) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(cols)).toList();
  }
}
