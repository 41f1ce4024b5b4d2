{#- A naive timestamp holding a UTC instant, as wall-clock time in `time_zone` (for dates shown
    to people, never for gaps or ordering). -#}
{% macro convert_from_utc(timestamp_expr, time_zone) %}
    {{ return(adapter.dispatch('convert_from_utc', 'openprofile')(timestamp_expr, time_zone)) }}
{% endmacro %}

{% macro default__convert_from_utc(timestamp_expr, time_zone) -%}
    timezone({{ sql_string(time_zone) }}, timezone('UTC', {{ timestamp_expr }}))
{%- endmacro %}

{% macro spark__convert_from_utc(timestamp_expr, time_zone) -%}
    from_utc_timestamp({{ timestamp_expr }}, {{ sql_string(time_zone) }})
{%- endmacro %}
