{#- A naive timestamp read as wall-clock time in `time_zone` (an IANA name such as
    'Europe/London'), returned as a naive timestamp holding the UTC instant. -#}
{% macro convert_to_utc(timestamp_expr, time_zone) %}
    {{ return(adapter.dispatch('convert_to_utc', 'openprofile')(timestamp_expr, time_zone)) }}
{% endmacro %}

{% macro default__convert_to_utc(timestamp_expr, time_zone) -%}
    timezone('UTC', timezone('{{ time_zone }}', {{ timestamp_expr }}))
{%- endmacro %}

{#- Spark resolves a wall-clock time that occurs twice (the fall-back hour) to the first
    occurrence, DuckDB to the second: when an instant 2 h, 1 h or 30 min later (the sizes of
    clock changes in the tz database) shows the same wall-clock time, the latest such instant
    is the one. Times in the spring-forward gap agree (the offset before the change). -#}
{% macro spark__convert_to_utc(timestamp_expr, time_zone) -%}
    {%- set first = "to_utc_timestamp(" ~ timestamp_expr ~ ", '" ~ time_zone ~ "')" -%}
    case
        {%- for shift in ['2 hours', '1 hour', '30 minutes'] %}
            when from_utc_timestamp({{ first }} + interval {{ shift }}, '{{ time_zone }}')
                = {{ timestamp_expr }}
                then {{ first }} + interval {{ shift }}
        {%- endfor %}
        else {{ first }}
    end
{%- endmacro %}
