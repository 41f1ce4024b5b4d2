{#- `expr` cast to `data_type`, or NULL when it does not convert (never an error): for typed
    sources whose values may still not fit (a BIGINT quantity that overflows an INTEGER). -#}
{% macro try_cast(expr, data_type) %}
    {{ return(adapter.dispatch('try_cast', 'openprofile')(expr, data_type)) }}
{% endmacro %}

{% macro default__try_cast(expr, data_type) -%}
    try_cast({{ expr }} as {{ data_type }})
{%- endmacro %}
