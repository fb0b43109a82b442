// pgJDBC (Debian's libpostgresql-jdbc-java) against csm: what a BI tool that
// connects through JDBC sees.  Compiled and run by test/clients/run:
//
//     javac -d DIR CsmJdbc.java && java -Xmx64m -cp DIR:/usr/share/java/postgresql.jar CsmJdbc
//
// Connects with PGHOST, PGPORT, PGUSER and PGPASSWORD to the databases
// csm_clients (setup.sql and the sample data) and csm_bi (the SQL of
// docs/reporting-tools.md, with its BI views).  Every expected number is
// computed here from the metric's definition, from the raw answers or from
// counts read with plain SQL, never from csm's output.  Prints one line per
// section, "ok" or "FAILED" with what differed; exits 1 on any failure.
import java.sql.*;
import java.util.*;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;
import org.postgresql.util.PGobject;

public class CsmJdbc {
    // ---- the answers in setup.sql (and in the docs' example), per store ----
    // recommend, satisfaction, effort; null = no answer
    static final Object[][] ANSWERS = {
        // day, store, recommend, satisfaction, effort
        {"2026-01-05", "Leeds", 9, 5, 7}, {"2026-01-05", "Leeds", 10, 4, 6},
        {"2026-01-05", "York", 3, 2, 3}, {"2026-01-06", "Leeds", 6, 2, 4},
        {"2026-01-06", "Leeds", 8, 4, 5}, {"2026-01-06", "York", 10, 5, 6},
        {"2026-01-07", "York", 7, null, 5},
    };
    // two-sided normal quantiles z(1 - (1 - level)/2), published values
    static final Map<Double, Double> Z = Map.of(0.80, 1.2815515655446004, 0.90, 1.6448536269514722,
                                                0.95, 1.959963984540054, 0.99, 2.5758293035489004);

    static final List<String> problems = new ArrayList<>();
    static int failedSections = 0, passedSections = 0;

    // ---------------------------------------------------------------- checks
    static void check(String what, Object got, Object want) {
        if (!Objects.equals(got, want))
            problems.add(what + ": got " + show(got) + ", expected " + show(want));
    }
    static void near(String what, Double got, double want, double tol) {
        if (got == null || !(Math.abs(got - want) <= tol))
            problems.add(what + ": got " + got + ", expected " + want + " (within " + tol + ")");
    }
    static void truth(String what, boolean ok) {
        if (!ok) problems.add(what);
    }
    static String show(Object o) {
        return o instanceof String ? "\"" + o + "\"" : String.valueOf(o);
    }
    static Double dbl(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }

    interface Section { void run() throws Exception; }
    static void section(String name, Section s) {
        problems.clear();
        try {
            s.run();
        } catch (Throwable e) {
            problems.add("unexpected " + e);
        }
        if (problems.isEmpty()) {
            passedSections++;
            System.out.println("ok     clients: jdbc: " + name);
        } else {
            failedSections++;
            System.out.println("FAILED clients: jdbc: " + name);
            for (String p : problems) System.out.println("         " + p);
        }
    }

    // ------------------------------------------------ metric definitions
    // h[r] = answers with rating r (0..10)
    static long total(long[] h) { long n = 0; for (long c : h) n += c; return n; }
    static long range(long[] h, int lo, int hi) { long n = 0; for (int r = lo; r <= hi; r++) n += h[r]; return n; }
    // NPS: % above passive_max minus % at or below detractor_max
    static double nps(long[] h, int dmax, int pmax) {
        return 100.0 * (range(h, pmax + 1, 10) - range(h, 0, dmax)) / total(h);
    }
    // top-2-box on 1..scale: % of scale-1 and scale
    static double top2(long[] h, int scale) { return 100.0 * range(h, scale - 1, scale) / total(h); }
    // Rocks (2016): Wald, or adjusted Wald (+3/4 detractor, +3/2 passive,
    // +3/4 promoter), trinomial SE, bounds clipped to -100..100
    static double[] npsInterval(long[] h, double level, String method) {
        double p = range(h, 9, 10), d = range(h, 0, 6), n = total(h);
        if (method.equals("adjusted-wald")) { p += 0.75; d += 0.75; n += 3; }
        double pp = p / n, dd = d / n, est = pp - dd;
        double se = Math.sqrt((pp + dd - est * est) / n), z = Z.get(level);
        return new double[] {Math.max(-100, 100 * (est - z * se)), Math.min(100, 100 * (est + z * se))};
    }
    // Wilson score interval of x successes in n, percent
    static double[] wilson(long x, long n, double level) {
        double z = Z.get(level), p = (double) x / n, z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {100 * (centre - half), 100 * (centre + half)};
    }
    static long[] hist(List<Integer> scores) {
        long[] h = new long[11];
        for (Integer s : scores) if (s != null) h[s]++;
        return h;
    }
    static List<Integer> answers(int column, String day, String store) {
        List<Integer> out = new ArrayList<>();
        for (Object[] a : ANSWERS)
            if ((day == null || a[0].equals(day)) && (store == null || a[1].equals(store)) && a[column] != null)
                out.add((Integer) a[column]);
        return out;
    }
    static long rows(String store) {
        return Arrays.stream(ANSWERS).filter(a -> a[1].equals(store)).count();
    }
    // the canonical text form: non-zero counts in rating order
    static String summaryText(long[] h) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        for (int r = 0; r <= 10; r++) if (h[r] > 0) j.add(r + ":" + h[r]);
        return j.toString();
    }

    // ------------------------------------------------------------- connect
    static Connection connect(String db, Properties extra) throws SQLException {
        String host = Objects.requireNonNullElse(System.getenv("PGHOST"), "localhost");
        String port = Objects.requireNonNullElse(System.getenv("PGPORT"), "5432");
        if (host.startsWith("/"))
            throw new SQLException("pgJDBC connects over TCP; PGHOST is a socket directory: " + host);
        Properties p = new Properties();
        p.setProperty("user", Objects.requireNonNullElse(System.getenv("PGUSER"), System.getProperty("user.name")));
        if (System.getenv("PGPASSWORD") != null) p.setProperty("password", System.getenv("PGPASSWORD"));
        p.setProperty("ApplicationName", "csm-jdbc-test");
        if (extra != null) p.putAll(extra);
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
    }

    static Map<String, long[]> histogramsByStore(Connection c, String column) throws SQLException {
        // plain SQL, no csm: counts per store and rating
        Map<String, long[]> m = new TreeMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT store, " + column + ", count(*) FROM sample.feedback WHERE " + column
                + " IS NOT NULL GROUP BY 1, 2")) {
            while (rs.next()) m.computeIfAbsent(rs.getString(1), k -> new long[11])[rs.getInt(2)] = rs.getLong(3);
        }
        return m;
    }

    // ================================================================ tests
    public static void main(String[] args) throws Exception {
        Class.forName("org.postgresql.Driver");
        try (Connection c = connect("csm_clients", null)) {
            System.out.println("       clients: jdbc: " + c.getMetaData().getDriverName() + " "
                               + c.getMetaData().getDriverVersion() + ", PostgreSQL "
                               + c.getMetaData().getDatabaseProductVersion());
            section("one-step and two-step queries", () -> steps(c));
            section("composite results expanded as columns", () -> composites(c));
            section("summaries by getString, getObject (PGobject) and the jsonb casts", () -> summaries(c));
            section("kano_class arrives as text", () -> kanoClass(c));
            section("ResultSetMetaData types", () -> metadata(c));
            section("PreparedStatement past prepareThreshold: server-side prepare, binary floats", () -> prepared(c));
            section("a bad score is SQLException 22003, a bad parameter 22023", () -> errors(c));
            section("DatabaseMetaData.getFunctions lists csm's functions with their comments", () -> functions(c));
        }
        section("binaryTransferEnable on a csm type loses the value (quirk)", CsmJdbc::binaryTransferQuirk);
        section("1M groups streamed with a fetch size, autocommit off", CsmJdbc::streaming);
        section("fetch size is ignored with autocommit on (quirk)", CsmJdbc::fetchSizeNeedsTransaction);
        section("BI views: table picker and plain columns", CsmJdbc::biViews);
        System.out.println("       clients: jdbc: " + passedSections + " passed, " + failedSections + " failed");
        System.exit(failedSections == 0 ? 0 : 1);
    }

    static void steps(Connection c) throws SQLException {
        Statement st = c.createStatement();
        // one step, the README's table
        ResultSet rs = st.executeQuery("SELECT store, nps(recommend), csat_top2(satisfaction), ces_avg(effort), count(*) "
                                       + "FROM feedback GROUP BY store ORDER BY store");
        for (String store : List.of("Leeds", "York")) {
            truth("one-step: a row for " + store, rs.next());
            check("one-step store", rs.getString("store"), store);
            long[] rec = hist(answers(2, null, store)), sat = hist(answers(3, null, store));
            List<Integer> eff = answers(4, null, store);
            near("one-step nps " + store, dbl(rs, "nps"), nps(rec, 6, 8), 1e-12);
            near("one-step csat_top2 " + store, dbl(rs, "csat_top2"), top2(sat, 5), 1e-12);
            near("one-step ces_avg " + store, dbl(rs, "ces_avg"),
                 eff.stream().mapToInt(Integer::intValue).average().orElseThrow(), 1e-12);
            check("one-step count " + store, rs.getLong("count"), rows(store));
        }
        truth("one-step: two rows only", !rs.next());

        // two steps: the daily summaries rolled up
        rs = st.executeQuery("SELECT store, nps(rollup(recommend)) AS nps, rating_count(rollup(recommend)) AS n "
                             + "FROM daily GROUP BY store ORDER BY store");
        for (String store : List.of("Leeds", "York")) {
            truth("two-step: a row for " + store, rs.next());
            long[] rec = hist(answers(2, null, store));
            near("two-step nps " + store, dbl(rs, "nps"), nps(rec, 6, 8), 1e-12);
            check("two-step n " + store, rs.getLong("n"), total(rec));
        }

        // the sample data: 24 stores, one-step and two-step against plain-SQL counts
        Map<String, long[]> rec = histogramsByStore(c, "recommend");
        truth("sample data: 24 stores, got " + rec.size(), rec.size() == 24);
        rs = st.executeQuery("SELECT f.store, nps(f.recommend) AS one, d.two FROM sample.feedback f "
                             + "JOIN (SELECT store, nps(rollup(recommend)) AS two FROM sample_daily GROUP BY store) d "
                             + "USING (store) GROUP BY f.store, d.two");
        int rows = 0;
        while (rs.next()) {
            rows++;
            double want = nps(rec.get(rs.getString("store")), 6, 8);
            near("sample one-step nps " + rs.getString("store"), dbl(rs, "one"), want, 1e-9);
            near("sample two-step nps " + rs.getString("store"), dbl(rs, "two"), want, 1e-9);
        }
        check("sample stores", rows, 24);
    }

    static void composites(Connection c) throws SQLException {
        long[] leeds = hist(answers(2, null, "Leeds"));
        double[] ci = npsInterval(leeds, 0.95, "adjusted-wald");
        // (f(x)).* and the LATERAL form give the same columns
        for (String q : List.of("SELECT (nps_ci(rating_agg(recommend))).* FROM feedback WHERE store = 'Leeds'",
                                "SELECT c.* FROM (SELECT rating_agg(recommend) AS r FROM feedback WHERE store = 'Leeds') s, "
                                + "LATERAL nps_ci(s.r) c")) {
            ResultSet rs = c.createStatement().executeQuery(q);
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) names.add(md.getColumnLabel(i));
            check("composite column names", names, List.of("estimate", "lower", "upper", "se", "level", "method", "n"));
            List<Integer> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) types.add(md.getColumnType(i));
            check("composite column types", types, List.of(Types.DOUBLE, Types.DOUBLE, Types.DOUBLE, Types.DOUBLE,
                                                          Types.DOUBLE, Types.VARCHAR, Types.BIGINT));
            rs.next();
            near("composite estimate", dbl(rs, "estimate"), nps(leeds, 6, 8), 1e-12);
            near("composite lower", dbl(rs, "lower"), ci[0], 1e-9);
            near("composite upper", dbl(rs, "upper"), ci[1], 1e-9);
            near("composite level", dbl(rs, "level"), 0.95, 0);
            check("composite method", rs.getString("method"), "adjusted-wald");
            check("composite n", rs.getObject("n"), total(leeds));
        }
        // the same from a one-step aggregate over the sample data, per store, with the Kano result
        Map<String, long[]> rec = histogramsByStore(c, "recommend");
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT store, (nps_ci(recommend)).* FROM sample.feedback GROUP BY store ORDER BY store");
        int rows = 0;
        while (rs.next()) {
            rows++;
            double[] want = npsInterval(rec.get(rs.getString("store")), 0.95, "adjusted-wald");
            near("sample interval lower " + rs.getString("store"), dbl(rs, "lower"), want[0], 1e-9);
            near("sample interval upper " + rs.getString("store"), dbl(rs, "upper"), want[1], 1e-9);
        }
        check("sample interval rows", rows, 24);
        // Better/Worse (Berger et al.) from the README's Kano answers: login has
        // O = 1, M = 3 (pairs 1-5, 2-5, 3-5, 4-5): better 1/4, worse -4/4
        rs = c.createStatement().executeQuery(
            "SELECT feature, (kano(functional, dysfunctional)).* FROM kano_answers GROUP BY feature ORDER BY feature");
        Map<String, Object[]> kano = new HashMap<>();
        while (rs.next())
            kano.put(rs.getString("feature"), new Object[] {rs.getString("category"), rs.getLong("o"), rs.getLong("m"),
                                                            dbl(rs, "better"), dbl(rs, "worse"), rs.getObject("fong_significant")});
        Object[] login = kano.get("login");
        check("kano login category", login[0], "must-be");
        check("kano login O, M", List.of(login[1], login[2]), List.of(1L, 3L));
        near("kano login better", (Double) login[3], 0.25, 1e-15);
        near("kano login worse", (Double) login[4], -1.0, 1e-15);
        // Fong: |3 - 1| = 2 < 1.65 * sqrt(4 * (8 - 4) / 8) = 2.33: not significant; a JDBC boolean
        check("kano fong_significant is a Boolean false", login[5], Boolean.FALSE);
    }

    static void summaries(Connection c) throws SQLException {
        long[] h = hist(answers(2, "2026-01-05", "Leeds"));        // 9 and 10
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT recommend, recommend::jsonb AS j FROM daily WHERE store = 'Leeds' AND day = '2026-01-05'");
        rs.next();
        check("getString", rs.getString("recommend"), summaryText(h));
        Object o = rs.getObject("recommend");
        truth("getObject is a PGobject, got " + (o == null ? null : o.getClass()), o instanceof PGobject);
        if (o instanceof PGobject) {
            check("PGobject type", ((PGobject) o).getType(), "rating_summary");
            check("PGobject value", ((PGobject) o).getValue(), summaryText(h));
        }
        // quirk: the metadata's class name says String, getObject gives a PGobject
        check("getColumnClassName", rs.getMetaData().getColumnClassName(1), "java.lang.String");
        Object j = rs.getObject("j");
        truth("jsonb getObject is a PGobject", j instanceof PGobject);
        if (j instanceof PGobject) check("jsonb PGobject type", ((PGobject) j).getType(), "jsonb");
        String json = rs.getString("j");
        // 2 promoters of 2: n 2, NPS 100, counts 9:1, 10:1
        for (String part : List.of("\"n\": 2", "\"nps\": 100", "\"counts\": {\"9\": 1, \"10\": 1}"))
            truth("jsonb text " + json + " has " + part, json != null && json.contains(part));

        // a summary as a parameter: typed PGobject, text with a cast, jsonb with the cast
        PGobject s = new PGobject();
        s.setType("rating_summary");
        s.setValue("{3:1,9:3}");                               // 3 promoters, 1 detractor: NPS 50
        PreparedStatement ps = c.prepareStatement("SELECT nps(?) AS a, nps(?::rating_summary) AS b, "
                                                  + "nps((?::jsonb)::rating_summary) AS c");
        ps.setObject(1, s);
        ps.setString(2, "{3:1,9:3}");
        PGobject js = new PGobject();
        js.setType("jsonb");
        js.setValue("{\"counts\": {\"9\": 3, \"3\": 1}}");
        ps.setObject(3, js);
        rs = ps.executeQuery();
        rs.next();
        check("summary parameters", List.of(rs.getDouble("a"), rs.getDouble("b"), rs.getDouble("c")), List.of(50.0, 50.0, 50.0));

        // a long summary: the SERVQUAL summary of the sample study, 22 items,
        // checked against plain-SQL sums (items in order, [answers,sum P,sum E])
        rs = c.createStatement().executeQuery(
            "SELECT (SELECT servqual_agg(item, perception, expectation) FROM sample.servqual_answers) AS s, "
            + "(SELECT '{' || string_agg(format('%s:[%s,%s,%s]', item, n, p, e), ',' ORDER BY item) || '}' "
            + " FROM (SELECT item, count(*) n, sum(perception) p, sum(expectation) e FROM sample.servqual_answers "
            + "       GROUP BY item) i) AS want");
        rs.next();
        String sq = rs.getString("s");
        check("servqual_summary getString (" + (sq == null ? 0 : sq.length()) + " characters)", sq, rs.getString("want"));
        truth("servqual_summary text is longer than 255 characters", sq != null && sq.length() > 255);
    }

    static void kanoClass(Connection c) throws SQLException {
        // the README's evaluation table: like/dislike = one-dimensional,
        // like/neutral = attractive, must-be/dislike = must-be
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT kano_category(1, 5) AS a, kano_category(1, 3) AS b, kano_category('must-be', 'dislike') AS c");
        rs.next();
        check("kano_class getString", List.of(rs.getString(1), rs.getString(2), rs.getString(3)),
              List.of("one-dimensional", "attractive", "must-be"));
        check("kano_class getObject", rs.getObject(1), "one-dimensional");
        check("kano_class JDBC type", rs.getMetaData().getColumnType(1), Types.VARCHAR);
        check("kano_class type name", rs.getMetaData().getColumnTypeName(1), "kano_class");
        // per feature from the README's survey (category by the most answers)
        rs = c.createStatement().executeQuery(
            "SELECT feature, kano_feature_category(functional, dysfunctional) FROM kano_answers GROUP BY 1 ORDER BY 1");
        List<String> got = new ArrayList<>();
        while (rs.next()) got.add(rs.getString(1) + "=" + rs.getString(2));
        check("kano_feature_category", got,
              List.of("dark mode=attractive", "login=must-be", "offline sync=one-dimensional", "tips=indifferent"));
    }

    static void metadata(Connection c) throws SQLException {
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT nps(recommend) AS d, count(*) AS b, rating_agg(recommend) AS s, nps_ci(recommend) AS ci, "
            + "kano_category(1, 5) AS k, rating_agg(recommend)::jsonb AS j, round(nps(recommend)::numeric, 1) AS r, "
            + "servqual_dimension(1) AS t, min(answered_at::date) AS dt, gap_agg(satisfaction, effort) AS gs, "
            + "(SELECT (kano(functional, dysfunctional)).fong_significant FROM kano_answers) AS bo, "
            + "(SELECT kano_agg(functional, dysfunctional) FROM kano_answers) AS ks, "
            + "(SELECT servqual_agg(item, perception, expectation) FROM sample.servqual_answers) AS ss, "
            + "(SELECT kano(functional, dysfunctional) FROM kano_answers) AS kr "
            + "FROM feedback");
        ResultSetMetaData md = rs.getMetaData();
        String[][] want = {
            {"d", "" + Types.DOUBLE, "float8", "java.lang.Double"},
            {"b", "" + Types.BIGINT, "int8", "java.lang.Long"},
            {"s", "" + Types.OTHER, "rating_summary", "java.lang.String"},
            {"ci", "" + Types.STRUCT, "nps_interval", "java.lang.String"},
            {"k", "" + Types.VARCHAR, "kano_class", "java.lang.String"},
            {"j", "" + Types.OTHER, "jsonb", "java.lang.String"},
            {"r", "" + Types.NUMERIC, "numeric", "java.math.BigDecimal"},
            {"t", "" + Types.VARCHAR, "text", "java.lang.String"},
            {"dt", "" + Types.DATE, "date", "java.sql.Date"},
            {"gs", "" + Types.OTHER, "gap_summary", "java.lang.String"},
            {"bo", "" + Types.BIT, "bool", "java.lang.Boolean"},
            {"ks", "" + Types.OTHER, "kano_summary", "java.lang.String"},
            {"ss", "" + Types.OTHER, "servqual_summary", "java.lang.String"},
            {"kr", "" + Types.STRUCT, "kano_result", "java.lang.String"},
        };
        for (int i = 0; i < want.length; i++) {
            check("column " + want[i][0],
                  List.of(md.getColumnLabel(i + 1), "" + md.getColumnType(i + 1), md.getColumnTypeName(i + 1),
                          md.getColumnClassName(i + 1)),
                  List.of(want[i]));
        }
        rs.next();
        check("double getObject class", rs.getObject("d").getClass(), Double.class);
        check("bigint getObject class", rs.getObject("b").getClass(), Long.class);
        check("numeric getObject class", rs.getObject("r").getClass(), java.math.BigDecimal.class);
        check("text getObject class", rs.getObject("t").getClass(), String.class);
        check("date getObject class", rs.getObject("dt").getClass(), java.sql.Date.class);
        check("boolean getObject", rs.getObject("bo"), Boolean.FALSE);
        for (String col : List.of("gs", "ks", "ss", "kr")) {
            Object o = rs.getObject(col);
            check(col + " getObject: a PGobject of the column's type",
                  o instanceof PGobject ? ((PGobject) o).getType() : o, md.getColumnTypeName(rs.findColumn(col)));
        }
        // quirk: STRUCT, but getObject gives a PGobject holding the row's text, not a java.sql.Struct
        Object ci = rs.getObject("ci");
        truth("composite getObject is a PGobject", ci instanceof PGobject);
        if (ci instanceof PGobject) {
            check("composite PGobject type", ((PGobject) ci).getType(), "nps_interval");
            String v = ((PGobject) ci).getValue();
            truth("composite text is a row literal: " + v, v != null && v.startsWith("(") && v.endsWith(",adjusted-wald,7)"));
        }
    }

    static void prepared(Connection c) throws SQLException {
        Map<String, long[]> rec = histogramsByStore(c, "recommend"), eff = histogramsByStore(c, "effort");
        String sql = "SELECT nps(r, ?, ?) AS nps, csat_top2(e, ?) AS top2, i.lower, i.upper, r AS summary, "
                     + "rating_count(r) AS n "
                     + "FROM (SELECT rollup(recommend) AS r, rollup(effort) AS e FROM sample_daily WHERE store = ?) s, "
                     + "LATERAL nps_ci(r, ?, ?) i";
        PreparedStatement ps = c.prepareStatement(sql);
        int threshold = ps.unwrap(PGStatement.class).getPrepareThreshold();
        check("default prepareThreshold", threshold, 5);
        String[] stores = rec.keySet().toArray(new String[0]);
        int[][] cuts = {{6, 8}, {5, 8}, {6, 7}, {4, 6}, {0, 9}, {6, 8}, {3, 5}, {6, 8}, {7, 8}};
        int[] scales = {7, 8, 10};
        double[] levels = {0.95, 0.90, 0.99, 0.80};
        String[] methods = {"adjusted-wald", "wald"};
        int runs = threshold + 4;
        List<Integer> formats = new ArrayList<>(), bigintFormats = new ArrayList<>(), prepared = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            String store = stores[(k * 7) % stores.length];
            int[] cut = cuts[k % cuts.length];
            int scale = scales[k % scales.length];
            double level = levels[k % levels.length];
            String method = methods[k % methods.length];
            ps.setInt(1, cut[0]);
            ps.setInt(2, cut[1]);
            ps.setInt(3, scale);
            ps.setString(4, store);
            ps.setDouble(5, level);
            ps.setString(6, method);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String what = "run " + (k + 1) + " (" + store + ", cuts " + cut[0] + "/" + cut[1] + ", scale " + scale
                              + ", level " + level + ", " + method + ")";
                long[] h = rec.get(store), he = eff.get(store);
                near(what + " nps", dbl(rs, "nps"), nps(h, cut[0], cut[1]), 1e-9);
                near(what + " top2", dbl(rs, "top2"), top2(he, scale), 1e-9);
                double[] ci = npsInterval(h, level, method);
                near(what + " lower", dbl(rs, "lower"), ci[0], 1e-7);
                near(what + " upper", dbl(rs, "upper"), ci[1], 1e-7);
                check(what + " summary", rs.getString("summary"), summaryText(h));
                check(what + " n", rs.getLong("n"), total(h));
                PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                formats.add(md.getFormat(1));
                bigintFormats.add(md.getFormat(6));
                ResultSet named = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%LATERAL nps_ci(r, $5, $6)%'");
                named.next();
                prepared.add(named.getInt(1));
                // summaries always travel as text: pgJDBC asks binary only for types it knows
                check(what + " summary column format (0 = text)", md.getFormat(5), 0);
            }
        }
        truth("server-side prepare in use after " + runs + " runs", ps.unwrap(PGStatement.class).isUseServerPrepare());
        // text up to the execution that prepares the statement on the server, binary after it
        List<Integer> want = new ArrayList<>(Collections.nCopies(threshold, 0));
        want.addAll(Collections.nCopies(runs - threshold, 1));
        check("float8 result format by execution (0 text, 1 binary)", formats, want);
        check("bigint result format by execution (0 text, 1 binary)", bigintFormats, want);
        // the named statement exists from the threshold-th execution on
        List<Integer> wantNamed = new ArrayList<>(Collections.nCopies(threshold - 1, 0));
        wantNamed.addAll(Collections.nCopies(runs - threshold + 1, 1));
        check("statements on the server after each execution", prepared, wantNamed);
        // the server holds the named statement (the driver's, not from SQL PREPARE)
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT name, from_sql, parameter_types::text FROM pg_prepared_statements WHERE statement LIKE '%LATERAL nps_ci(r, $5, $6)%'");
        truth("pg_prepared_statements holds the statement", rs.next());
        check("prepared by the protocol, not SQL", rs.getBoolean("from_sql"), false);
        check("parameter types", rs.getString("parameter_types"),
              "{integer,integer,integer,\"character varying\",\"double precision\",\"character varying\"}");
        ps.close();
    }

    static void errors(Connection c) throws SQLException {
        Statement st = c.createStatement();
        String[][] cases = {
            {"SELECT nps(x) FROM (VALUES (9), (11)) v(x)", "22003"},              // score outside 0..10
            {"SELECT csat_top2(x) FROM (VALUES (4), (7)) v(x)", "22003"},         // a 7 on the 1..5 scale
            {"SELECT nps(x) FROM (VALUES (9.5)) v(x)", "22003"},                  // not a whole number
            {"SELECT nps('{9:1}'::rating_summary, 8, 6)", "22023"},               // cut points out of order
            {"SELECT '{11:1}'::rating_summary", "22003"},                         // rating out of range in text
            {"SELECT 'nine'::rating_summary", "22P02"},                           // malformed text
        };
        for (String[] k : cases) {
            String state = null;
            try {
                st.executeQuery(k[0]).next();
            } catch (SQLException e) {
                state = e.getSQLState();
                check(k[0] + ": exception class", e.getClass().getName(), "org.postgresql.util.PSQLException");
            }
            check(k[0], state, k[1]);
        }
        // through a prepared statement with the bad score as a parameter, past the threshold
        PreparedStatement ps = c.prepareStatement("SELECT nps(x) FROM unnest(?::int[]) x");
        for (int k = 0; k < 7; k++) {
            boolean bad = k % 2 == 1;
            ps.setArray(1, c.createArrayOf("int4", bad ? new Integer[] {9, 11} : new Integer[] {9, 10, 0}));
            String state = null;
            Double v = null;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                v = rs.getDouble(1);
            } catch (SQLException e) {
                state = e.getSQLState();
            }
            if (bad) check("prepared bad score, run " + (k + 1), state, "22003");
            else near("prepared good scores, run " + (k + 1), v, 100.0 * (2 - 1) / 3, 1e-12);
        }
        // the connection is still usable
        ResultSet rs = st.executeQuery("SELECT nps(x) FROM (VALUES (10)) v(x)");
        rs.next();
        check("after the errors", rs.getDouble(1), 100.0);
    }

    static void functions(Connection c) throws SQLException {
        String schema;
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'csm'");
        rs.next();
        schema = rs.getString(1);
        // what the catalog holds: csm's members in pg_proc, with their comments
        List<String> wantFunctions = new ArrayList<>();
        Set<String> aggregateOnly = new TreeSet<>(), functionNames = new TreeSet<>();
        int uncommented = 0;
        rs = c.createStatement().executeQuery(
            "SELECT p.proname, p.prokind, obj_description(p.oid, 'pg_proc') FROM pg_proc p "
            + "JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e' "
            + "JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'");
        while (rs.next()) {
            if (rs.getString(2).equals("f")) {
                wantFunctions.add(rs.getString(1) + " -- " + rs.getString(3));
                functionNames.add(rs.getString(1));
            } else aggregateOnly.add(rs.getString(1));
            if (rs.getString(3) == null || rs.getString(3).isEmpty()) {
                uncommented++;
                problems.add("no comment on " + rs.getString(1) + " (" + rs.getString(2) + ")");
            }
        }
        aggregateOnly.removeAll(functionNames);
        truth("csm has functions (" + wantFunctions.size() + ") and aggregates", wantFunctions.size() > 100 && !aggregateOnly.isEmpty());
        List<String> got = new ArrayList<>();
        Set<String> gotNames = new TreeSet<>();
        rs = c.getMetaData().getFunctions(null, schema, "%");
        while (rs.next()) {
            if (!functionNames.contains(rs.getString("FUNCTION_NAME")) && !aggregateOnly.contains(rs.getString("FUNCTION_NAME")))
                continue;                               // not csm's
            got.add(rs.getString("FUNCTION_NAME") + " -- " + rs.getString("REMARKS"));
            gotNames.add(rs.getString("FUNCTION_NAME"));
            check("FUNCTION_SCHEM", rs.getString("FUNCTION_SCHEM"), schema);
        }
        Collections.sort(wantFunctions);
        Collections.sort(got);
        check("getFunctions: every csm function with its comment", got, wantFunctions);
        // quirk: aggregates (nps(score), rating_agg, kano, ...) are not listed
        Set<String> listedAggregates = new TreeSet<>(aggregateOnly);
        listedAggregates.retainAll(gotNames);
        check("aggregates listed by getFunctions (pgJDBC lists none; update docs/reporting-tools.md if it does)",
              listedAggregates, Set.of());
        // a few by name, with the comment a function browser shows
        rs = c.getMetaData().getFunctions(null, schema, "nps_moe");
        truth("getFunctions(nps_moe)", rs.next());
        truth("nps_moe's comment mentions the margin of error: " + rs.getString("REMARKS"),
              rs.getString("REMARKS") != null && rs.getString("REMARKS").contains("margin of error"));
    }

    static void binaryTransferQuirk() throws SQLException {
        int oid;
        try (Connection c = connect("csm_clients", null)) {
            ResultSet rs = c.createStatement().executeQuery("SELECT 'rating_summary'::regtype::oid");
            rs.next();
            oid = rs.getInt(1);
        }
        Properties p = new Properties();
        p.setProperty("binaryTransferEnable", "" + oid);
        p.setProperty("prepareThreshold", "1");
        try (Connection c = connect("csm_clients", p)) {
            PreparedStatement ps = c.prepareStatement("SELECT recommend FROM daily WHERE store = ? AND day = '2026-01-05'");
            String text = null, first = null;
            byte[] bytes = null;
            Object obj = null;
            for (int k = 0; k < 3; k++) {
                ps.setString(1, "Leeds");
                ResultSet rs = ps.executeQuery();
                rs.next();
                if (k == 0) first = rs.getString(1);
                text = rs.getString(1);
                bytes = rs.getBytes(1);
                obj = rs.getObject(1);
            }
            check("first execution (text)", first, "{9:1,10:1}");
            // once the statement is prepared the value comes in binary and getString gives null
            check("binary getString", text, null);
            check("binary getObject: a PGobject without a value", obj instanceof PGobject
                  ? List.of(((PGobject) obj).getType(), String.valueOf(((PGobject) obj).getValue())) : obj,
                  List.of("rating_summary", "null"));
            // getBytes still gives the send format: version 1, total 2, eleven counts
            check("binary getBytes length", bytes == null ? null : bytes.length, 97);
            if (bytes != null && bytes.length == 97) {
                check("binary version byte", (int) bytes[0], 1);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, 1, 96);
                long[] h = new long[11];
                long tot = b.getLong();
                for (int r = 0; r <= 10; r++) h[r] = b.getLong();
                check("binary total and counts", List.of(tot, summaryText(h)), List.of(2L, "{9:1,10:1}"));
            }
        }
    }

    static final String MILLION = "SELECT s / 3 AS g, nps(s % 11) AS nps, rating_agg(s % 11) AS summary "
                                  + "FROM generate_series(0, 2999999) s GROUP BY 1";

    static void streaming() throws SQLException {
        try (Connection c = connect("csm_clients", null)) {
            c.setAutoCommit(false);
            Statement st = c.createStatement();
            st.setFetchSize(10000);
            ResultSet rs = st.executeQuery(MILLION);
            boolean[] seen = new boolean[1000000];
            long rows = 0;
            int bad = 0;
            boolean portal = false;
            while (rs.next()) {
                rows++;
                int g = rs.getInt(1);
                // group g holds the scores 3g, 3g+1 and 3g+2, each mod 11
                long[] h = new long[11];
                for (int k = 0; k < 3; k++) h[(3 * g + k) % 11]++;
                if (g < 0 || g >= seen.length || seen[g] || Math.abs(rs.getDouble(2) - nps(h, 6, 8)) > 1e-12
                    || !summaryText(h).equals(rs.getString(3))) {
                    if (bad++ < 3) problems.add("group " + g + ": " + rs.getDouble(2) + " " + rs.getString(3));
                } else seen[g] = true;
                if (rows == 1) {
                    // while the first batch is read the rest waits in a server-side portal
                    ResultSet cur = c.createStatement().executeQuery(
                        "SELECT count(*) FROM pg_cursors WHERE statement LIKE '%generate_series(0, 2999999)%' "
                        + "AND statement NOT LIKE '%pg_cursors%'");
                    cur.next();
                    portal = cur.getLong(1) == 1;
                }
            }
            check("rows", rows, 1000000L);
            check("wrong or repeated groups", bad, 0);
            truth("a portal held the result while it was read (pg_cursors)", portal);
            c.rollback();
        }
    }

    static void fetchSizeNeedsTransaction() throws SQLException {
        Properties p = new Properties();
        p.setProperty("defaultRowFetchSize", "1000");
        for (boolean autocommit : new boolean[] {true, false}) {
            try (Connection c = connect("csm_clients", p)) {
                c.setAutoCommit(autocommit);
                ResultSet rs = c.createStatement().executeQuery(
                    "SELECT g, nps(g % 11) FROM generate_series(1, 20000) g GROUP BY g");
                rs.next();
                ResultSet cur = c.createStatement().executeQuery(
                    "SELECT count(*) FROM pg_cursors WHERE statement LIKE '%generate_series(1, 20000)%' "
                    + "AND statement NOT LIKE '%pg_cursors%'");
                cur.next();
                check("portals with defaultRowFetchSize=1000 and autocommit " + autocommit, cur.getLong(1),
                      autocommit ? 0L : 1L);
                if (!autocommit) c.rollback();
            }
        }
    }

    static void biViews() throws SQLException {
        try (Connection c = connect("csm_bi", null)) {
            DatabaseMetaData dm = c.getMetaData();
            // the table picker: both views, as views
            for (String view : List.of("feedback_daily_bi", "feedback_monthly_bi")) {
                ResultSet rs = dm.getTables(null, "public", view, null);
                truth("getTables lists " + view, rs.next());
                check(view + " TABLE_TYPE", rs.getString("TABLE_TYPE"), "VIEW");
            }
            // every column a plain type
            ResultSet rs;
            for (String view : List.of("feedback_daily_bi", "feedback_monthly_bi")) {
                Map<String, Integer> types = new LinkedHashMap<>(), want = new LinkedHashMap<>();
                rs = dm.getColumns(null, "public", view, "%");
                while (rs.next()) types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                want.put(view.contains("daily") ? "day" : "month", Types.DATE);
                want.put("store", Types.VARCHAR);
                for (String m : List.of("nps", "csat", "ces")) {
                    want.put(m + "_n", Types.BIGINT);
                    if (m.equals("nps"))
                        for (String k : List.of("promoters", "passives", "detractors")) want.put(k, Types.BIGINT);
                    want.put(m, Types.DOUBLE);
                    want.put(m + "_lower", Types.DOUBLE);
                    want.put(m + "_upper", Types.DOUBLE);
                }
                check(view + " columns and JDBC types", new ArrayList<>(types.entrySet()), new ArrayList<>(want.entrySet()));
            }

            // the figures, day by day, from the raw answers
            rs = c.createStatement().executeQuery("SELECT * FROM feedback_daily_bi ORDER BY day, store");
            int rows = 0;
            while (rs.next()) {
                rows++;
                String day = rs.getString("day"), store = rs.getString("store");
                figures(day + " " + store, rs, answers(2, day, store), answers(3, day, store), answers(4, day, store));
            }
            check("feedback_daily_bi rows", rows, 5);

            // the monthly view rolls the days up before the figures
            rs = c.createStatement().executeQuery("SELECT * FROM feedback_monthly_bi ORDER BY month, store");
            rows = 0;
            while (rs.next()) {
                rows++;
                String store = rs.getString("store");
                check("month", rs.getString("month"), "2026-01-01");
                figures("January " + store, rs, answers(2, null, store), answers(3, null, store), answers(4, null, store));
            }
            check("feedback_monthly_bi rows", rows, 2);

            // the counts re-aggregate: 100 (sum promoters - sum detractors) / sum n
            rs = c.createStatement().executeQuery("SELECT store, 100.0 * (sum(promoters) - sum(detractors)) / sum(nps_n) "
                                                  + "FROM feedback_daily_bi GROUP BY store ORDER BY store");
            for (String store : List.of("Leeds", "York")) {
                truth("re-aggregated row for " + store, rs.next());
                near("re-aggregated NPS " + store, rs.getDouble(2), nps(hist(answers(2, null, store)), 6, 8), 1e-12);
            }
        }
    }

    // Student t quantiles at 0.975: df 1 and 2 in closed form, df 3 the published value
    static final Map<Integer, Double> T975 = Map.of(1, Math.tan(Math.PI * (0.975 - 0.5)),
                                                    2, (2 * 0.975 - 1) / Math.sqrt(2 * 0.975 * 0.025),
                                                    3, 3.182446305284263);

    // every figure of a BI view's row, from the answers
    static void figures(String what, ResultSet rs, List<Integer> recommend, List<Integer> satisfaction,
                        List<Integer> effort) throws SQLException {
        long[] r = hist(recommend), s = hist(satisfaction);
        check(what + " nps_n", rs.getLong("nps_n"), total(r));
        check(what + " promoters, passives, detractors", List.of(rs.getLong("promoters"), rs.getLong("passives"),
              rs.getLong("detractors")), List.of(range(r, 9, 10), range(r, 7, 8), range(r, 0, 6)));
        near(what + " nps", dbl(rs, "nps"), nps(r, 6, 8), 1e-12);
        double[] ci = npsInterval(r, 0.95, "adjusted-wald");
        near(what + " nps_lower", dbl(rs, "nps_lower"), ci[0], 1e-9);
        near(what + " nps_upper", dbl(rs, "nps_upper"), ci[1], 1e-9);
        check(what + " csat_n", rs.getLong("csat_n"), total(s));
        if (total(s) == 0) {
            check(what + " csat without answers", Arrays.asList(dbl(rs, "csat"), dbl(rs, "csat_lower"),
                  dbl(rs, "csat_upper")), Arrays.asList(null, null, null));
        } else {
            near(what + " csat", dbl(rs, "csat"), top2(s, 5), 1e-12);
            double[] w = wilson(range(s, 4, 5), total(s), 0.95);
            near(what + " csat_lower", dbl(rs, "csat_lower"), w[0], 1e-9);
            near(what + " csat_upper", dbl(rs, "csat_upper"), w[1], 1e-9);
        }
        int n = effort.size();
        check(what + " ces_n", rs.getLong("ces_n"), (long) n);
        double mean = effort.stream().mapToInt(Integer::intValue).average().orElseThrow(), ss = 0;
        near(what + " ces", dbl(rs, "ces"), mean, 1e-12);
        if (n < 2) {
            check(what + " ces interval needs 2 answers", Arrays.asList(dbl(rs, "ces_lower"), dbl(rs, "ces_upper")),
                  Arrays.asList(null, null));
        } else {
            for (int x : effort) ss += (x - mean) * (x - mean);
            double half = T975.get(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
            near(what + " ces_lower", dbl(rs, "ces_lower"), mean - half, 1e-9);
            near(what + " ces_upper", dbl(rs, "ces_upper"), mean + half, 1e-9);
        }
    }
}
