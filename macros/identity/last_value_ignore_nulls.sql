{#- Window function: the last non-NULL value of `expression` in the window frame. Use with an
    `over (...)` clause written by the caller. -#}
{% macro last_value_ignore_nulls(expression) %}
    {{ return(adapter.dispatch('last_value_ignore_nulls', 'openprofile')(expression)) }}
{% endmacro %}

{% macro default__last_value_ignore_nulls(expression) -%}
    last_value({{ expression }} ignore nulls)
{%- endmacro %}

{% macro spark__last_value_ignore_nulls(expression) -%}
    last_value({{ expression }}, true)
{%- endmacro %}
