{#- True when the UTC timestamp `timestamp_expr` lies more than var('max_clock_skew_hours')
    after the start of this build: a time that has not happened yet, so a wrong clock (a
    device set years ahead). Base models quarantine such rows; left in, one would move every
    "latest activity" and the measures' as-of date into the future. The build start, not the
    latest time in the data, is the reference, so the check does not depend on other rows. -#}
{% macro is_after_build_start(timestamp_expr) -%}
    {{ timestamp_expr }} > {{ dbt.dateadd(
        'hour',
        var('max_clock_skew_hours') | int,
        "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as " ~ dbt.type_timestamp() ~ ")"
    ) }}
{%- endmacro %}
