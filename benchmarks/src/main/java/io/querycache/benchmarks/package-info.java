/** JMH benchmarks: every figure is a ratio against a baseline measured in the same run. */
package io.querycache.benchmarks;
