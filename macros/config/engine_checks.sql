{#- Checks of the configuration that ask the engine (used by validate_configuration). -#}

{#- True when the engine knows the IANA time zone name `zone` (already checked to hold only
    letters, digits and _+/-). -#}
{% macro time_zone_is_known(zone) %}
    {{ return(adapter.dispatch('time_zone_is_known', 'openprofile')(zone)) }}
{% endmacro %}

{% macro default__time_zone_is_known(zone) %}
    {%- set known = run_query(
        "select count(*) from pg_timezone_names() where name = '" ~ zone ~ "'"
    ).columns[0].values()[0] -%}
    {{ return(known > 0) }}
{% endmacro %}

{#- Spark (Java) reads the same IANA database; it has no table of zone names, so the names
    are checked against the tz database that dbt ships (pytz). -#}
{% macro spark__time_zone_is_known(zone) %}
    {{ return(zone in modules.pytz.all_timezones) }}
{% endmacro %}

{#- True when the path or glob `path` (no quotes) matches at least one file. -#}
{% macro files_exist(path) %}
    {{ return(adapter.dispatch('files_exist', 'openprofile')(path)) }}
{% endmacro %}

{% macro default__files_exist(path) %}
    {{ return(run_query("select count(*) from glob('" ~ path ~ "')").columns[0].values()[0] > 0) }}
{% endmacro %}

{#- Spark SQL cannot list files, and a read of a path that matches nothing is an error that
    a macro cannot catch: on Spark the read itself fails, naming the path. -#}
{% macro spark__files_exist(path) %}
    {{ return(true) }}
{% endmacro %}

{#- Problems with the Python functions the models call (a list of messages, empty when all
    is well). DuckDB: dbt-duckdb's plugin registers them on every connection. Spark: only
    openprofile/spark.py registers them, on the session it starts. -#}
{% macro missing_python_functions() %}
    {{ return(adapter.dispatch('missing_python_functions', 'openprofile')()) }}
{% endmacro %}

{% macro default__missing_python_functions() %}
    {{ return([]) }}
{% endmacro %}

{% macro spark__missing_python_functions() %}
    {%- set needed = ['openprofile_nfc', 'openprofile_phone_e164', 'openprofile_strip_accents'] -%}
    {%- set listed = run_query("show user functions like 'openprofile*'").columns[0].values() -%}
    {%- set missing = [] -%}
    {%- for name in needed if name not in listed -%}
        {%- do missing.append(name) -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ return(["the Spark session has no function " ~ missing | join(', ')
            ~ ": run Spark builds with `openprofile build --target spark` (or `python -m "
            ~ "openprofile.spark build --target spark`), which registers them; on a cluster, "
            ~ "create them there (README, Running on Spark)"]) }}
    {%- endif -%}
    {{ return([]) }}
{% endmacro %}
