/**
 * Workers: the episodes of runs planned in a PostgreSQL store, taken by any number of processes on
 * any number of machines. Each episode is a db-scheduler task instance, claimed with a lease that its
 * worker's heartbeat renews; a dead worker's lease lapses and another worker runs the episode again.
 * Budgets and connection limits of a run are held in the store for all its workers together.
 */
package io.offswitch.worker;
