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
