package consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.update.Update;

/**
 * An application that brings its own JSqlParser 4.x (as MyBatis-Plus and PageHelper do) and Caffeine 2.x,
 * compiled against them: it uses both, then the driver beside them (PackagedJarIT).
 */
public final class WithOwnLibraries {

    public static void main(String[] args) throws Exception {
        Update update = (Update) CCJSqlParserUtil.parse("UPDATE consumer_item SET name = 'x' WHERE id = 1");
        Cache<String, String> own = Caffeine.newBuilder().maximumSize(10).build();
        own.put("table", update.getTable().getName());
        if (!"consumer_item".equals(own.getIfPresent("table"))) {
            throw new IllegalStateException("the application's own libraries misbehave");
        }
        System.out.println("own JSqlParser from " + location(CCJSqlParserUtil.class));
        System.out.println("own Caffeine from " + location(Caffeine.class));
        System.out.println(HitAndInvalidate.run(args[0]));
    }

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    private WithOwnLibraries() {
    }
}
