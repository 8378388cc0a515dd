/** Where finished episodes and runs are kept: JSON encoding and the embedded SQLite store. */
package io.offswitch.store;
