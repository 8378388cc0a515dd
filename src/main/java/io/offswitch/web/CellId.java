package io.offswitch.web;

import io.offswitch.Hashes;
import io.offswitch.report.Cell;

/** A short, stable name for one cell of a grid, safe in a URL: the same cell keeps it across reloads. */
final class CellId {
    private CellId() {}

    static String of(Cell cell) {
        return Hashes.sha256(cell.scenario() + '\0' + cell.model() + '\0' + cell.condition() + '\0' + cell.design()).substring(0, 16);
    }
}
