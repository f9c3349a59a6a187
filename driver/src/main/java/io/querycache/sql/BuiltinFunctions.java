package io.querycache.sql;

import java.util.HashSet;
import java.util.Set;

/**
 * Functions built into H2, PostgreSQL and MariaDB/MySQL, which write no table: a call to one of them needs no
 * catalog lookup. Incomplete on purpose; a built-in missing here is looked up in the catalog by the caller.
 * Volatile built-ins (now, random, nextval...) are here too: they change no table the cache depends on.
 */
final class BuiltinFunctions {

    private static final Set<String> NAMES = new HashSet<>();

    static {
        add("count sum min max avg every bool_and bool_or bit_and bit_or bit_xor array_agg string_agg group_concat"
                + " listagg json_agg jsonb_agg json_object_agg jsonb_object_agg json_arrayagg json_objectagg"
                + " stddev stddev_pop stddev_samp variance var_pop var_samp covar_pop covar_samp corr"
                + " regr_slope regr_intercept regr_count regr_r2 percentile_cont percentile_disc mode median"
                + " any_value grouping xmlagg");
        add("row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value");
        add("coalesce nullif greatest least ifnull isnull nvl nvl2 if iif decode case cast convert try_cast"
                + " try_convert");
        add("length char_length character_length octet_length bit_length lower upper lcase ucase initcap trim"
                + " ltrim rtrim btrim substring substr mid left right lpad rpad concat concat_ws replace translate"
                + " position strpos instr locate reverse repeat space split_part format to_char to_number"
                + " to_date to_timestamp ascii chr char unicode overlay quote_ident quote_literal quote_nullable"
                + " md5 sha1 sha2 sha256 encode decode regexp_replace regexp_matches regexp_match regexp_like"
                + " regexp_substr regexp_instr regexp_split_to_array regexp_split_to_table string_to_array"
                + " array_to_string field find_in_set elt insert hex unhex soundex difference starts_with"
                + " left_pad right_pad base64 to_base64 from_base64 crc32 collation charset coercibility"
                + " string_to_table bin oct ord char_length");
        add("abs ceil ceiling floor round trunc truncate mod power pow sqrt cbrt exp ln log log10 log2 sign"
                + " sin cos tan asin acos atan atan2 cot degrees radians pi div width_bucket bitand");
        add("now current_timestamp current_date current_time localtime localtimestamp sysdate systimestamp"
                + " curdate curtime clock_timestamp statement_timestamp transaction_timestamp timeofday"
                + " date_part date_trunc extract age make_date make_time make_timestamp make_timestamptz"
                + " make_interval date_add date_sub adddate subdate addtime subtime datediff timediff"
                + " timestampadd timestampdiff date_format str_to_date from_unixtime unix_timestamp"
                + " utc_timestamp utc_date utc_time year month day dayofmonth dayofweek dayofyear hour minute"
                + " second week weekday weekofyear quarter last_day dayname monthname time date timestamp"
                + " to_days from_days period_add period_diff justify_days justify_hours justify_interval"
                + " isfinite dateadd datediff_big formatdatetime parsedatetime getdate sec_to_time time_to_sec"
                + " makedate maketime microsecond yearweek convert_tz");
        add("json_extract json_unquote json_object json_array json_value json_query json_exists json_contains"
                + " json_contains_path json_keys json_length json_type json_valid json_set json_insert"
                + " json_replace json_remove json_merge json_merge_patch json_merge_preserve json_search"
                + " json_table json_build_object json_build_array jsonb_build_object jsonb_build_array"
                + " to_json to_jsonb json_array_length jsonb_array_length json_each jsonb_each json_each_text"
                + " jsonb_each_text json_array_elements jsonb_array_elements json_typeof jsonb_typeof"
                + " jsonb_set jsonb_insert jsonb_path_query jsonb_path_exists jsonb_strip_nulls"
                + " json_extract_path json_extract_path_text jsonb_extract_path jsonb_extract_path_text"
                + " row_to_json array_to_json jsonb_pretty json_pretty json_quote json_depth");
        add("array_length array_append array_prepend array_cat array_remove array_replace array_position"
                + " array_positions array_dims array_lower array_upper cardinality unnest generate_series"
                + " generate_subscripts array_contains array_slice");
        add("random rand uuid gen_random_uuid uuid_generate_v1 uuid_generate_v4 random_uuid newid nextval"
                + " currval setval lastval last_insert_id row_count found_rows setseed");
        add("current_user session_user user system_user current_schema current_schemas current_database"
                + " current_catalog database schema version connection_id pg_backend_pid"
                + " txid_current pg_current_xact_id inet_client_addr pg_typeof typeof has_table_privilege"
                + " has_schema_privilege col_description obj_description format_type to_regclass");
        add("match against inet_aton inet_ntoa inet6_aton inet6_ntoa is_ipv4 is_ipv6 host network masklen"
                + " ts_rank ts_headline to_tsvector to_tsquery plainto_tsquery phraseto_tsquery"
                + " websearch_to_tsquery setweight numnonnulls num_nulls num_nonnulls bool_and");
    }

    private BuiltinFunctions() {
    }

    private static void add(String names) {
        for (String name : names.split(" ")) {
            NAMES.add(name);
        }
    }

    /** True for a known built-in; {@code name} is lower case and unqualified. */
    public static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
