{#- A naive timestamp read as wall-clock time in `time_zone` (an IANA name such as
    'Europe/London'), returned as a naive timestamp holding the UTC instant. -#}
{% macro convert_to_utc(timestamp_expr, time_zone) %}
    {{ return(adapter.dispatch('convert_to_utc', 'openprofile')(timestamp_expr, time_zone)) }}
{% endmacro %}

{% macro default__convert_to_utc(timestamp_expr, time_zone) -%}
    timezone('UTC', timezone('{{ time_zone }}', {{ timestamp_expr }}))
{%- endmacro %}

{% macro spark__convert_to_utc(timestamp_expr, time_zone) -%}
    to_utc_timestamp({{ timestamp_expr }}, '{{ time_zone }}')
{%- endmacro %}
