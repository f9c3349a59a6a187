package io.querycache.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a live result set and a candidate the same ways (every row forwards, then, when scrollable, backwards,
 * to absolute and relative positions, first, last, past either end) and compares after each move what the
 * move returned, the position (getRow, isBeforeFirst, isFirst, isLast, isAfterLast) and the first column.
 */
public final class NavigationDifferential {

    private NavigationDifferential() {
    }

    /**
     * Runs the query live and, with the hint, through querycache twice, both with a statement of this type;
     * returns the differences.
     */
    public static List<String> compare(Connection live, Connection cached, String query, String hint, int type)
            throws SQLException {
        return GetterDifferential.inTwoRounds(live, cached, query, hint, type, NavigationDifferential::compare);
    }

    public static List<String> compare(ResultSet live, ResultSet candidate) throws SQLException {
        List<String> mismatches = new ArrayList<>();
        check("getType", live.getType(), candidate.getType(), mismatches);
        check("start", position(live), position(candidate), mismatches);
        boolean more = true;
        for (int step = 1; more; step++) {
            more = live.next();
            check("next #" + step, more + " " + position(live), candidate.next() + " " + position(candidate),
                    mismatches);
        }
        if (live.getType() == ResultSet.TYPE_FORWARD_ONLY) {
            return mismatches;
        }
        String[] moves = {"previous", "previous", "first", "last", "absolute 2", "absolute -2", "relative 1",
                "relative -3", "absolute 0", "next", "afterLast", "previous", "beforeFirst", "next", "absolute 1000",
                "absolute -1000", "last", "next", "previous"};
        for (String move : moves) {
            check(move, move(live, move) + " " + position(live), move(candidate, move) + " " + position(candidate),
                    mismatches);
        }
        return mismatches;
    }

    private static Object move(ResultSet rs, String move) {
        try {
            String[] m = move.split(" ");
            switch (m[0]) {
                case "previous": return rs.previous();
                case "first": return rs.first();
                case "last": return rs.last();
                case "absolute": return rs.absolute(Integer.parseInt(m[1]));
                case "relative": return rs.relative(Integer.parseInt(m[1]));
                case "afterLast": rs.afterLast(); return "-";
                case "beforeFirst": rs.beforeFirst(); return "-";
                default: return rs.next();
            }
        } catch (SQLException e) {
            return "threw";
        }
    }

    /** getRow, the four position tests and the first column (or that reading it threw). */
    private static String position(ResultSet rs) {
        StringBuilder s = new StringBuilder();
        try {
            s.append("row=").append(rs.getRow()).append(rs.isBeforeFirst() ? " beforeFirst" : "")
                    .append(rs.isFirst() ? " first" : "").append(rs.isLast() ? " last" : "")
                    .append(rs.isAfterLast() ? " afterLast" : "");
        } catch (SQLException e) {
            s.append(" threw");
        }
        try {
            s.append(" value=").append(rs.getString(1));
        } catch (SQLException e) {
            s.append(" value threw");
        }
        return s.toString();
    }

    private static void check(String what, Object live, Object candidate, List<String> mismatches) {
        if (!String.valueOf(live).equals(String.valueOf(candidate))) {
            mismatches.add(what + ": live " + live + ", querycache " + candidate);
        }
    }
}
