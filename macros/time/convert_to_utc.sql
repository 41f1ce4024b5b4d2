{#- A naive timestamp read as wall-clock time in `time_zone` (an IANA name such as
    'Europe/London'), returned as a naive timestamp holding the UTC instant. -#}
{% macro convert_to_utc(timestamp_expr, time_zone) %}
    {{ return(adapter.dispatch('convert_to_utc', 'openprofile')(timestamp_expr, time_zone)) }}
{% endmacro %}

{% macro default__convert_to_utc(timestamp_expr, time_zone) -%}
    timezone('UTC', timezone('{{ time_zone }}', {{ timestamp_expr }}))
{%- endmacro %}

{#- Spark resolves a wall-clock time that occurs twice (the fall-back hour) to the first
    occurrence, DuckDB to the second: when the instant an hour later shows the same wall-clock
    time, that later instant is the one. Times in the spring-forward gap agree (the offset
    before the change). -#}
{% macro spark__convert_to_utc(timestamp_expr, time_zone) -%}
    case
        when from_utc_timestamp(
            to_utc_timestamp({{ timestamp_expr }}, '{{ time_zone }}') + interval 1 hour, '{{ time_zone }}'
        ) = {{ timestamp_expr }}
            then to_utc_timestamp({{ timestamp_expr }}, '{{ time_zone }}') + interval 1 hour
        else to_utc_timestamp({{ timestamp_expr }}, '{{ time_zone }}')
    end
{%- endmacro %}
