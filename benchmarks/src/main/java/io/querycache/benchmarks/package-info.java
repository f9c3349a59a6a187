/**
 * JMH benchmarks. Every figure is a ratio against a baseline measured in the same run: each class has a
 * {@code baseline} method and a {@code querycache} method (InvalidateScaling compares its own parameters).
 * Run with {@code benchmarks/run.sh}; render with {@code benchmarks/report.py}.
 */
package io.querycache.benchmarks;
