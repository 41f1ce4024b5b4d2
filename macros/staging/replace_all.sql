{#- Every match of the regular expression `pattern` (an SQL string literal) in `text_expr`
    replaced by `replacement` (an SQL string literal; \1 is the first group). -#}
{% macro replace_all(text_expr, pattern, replacement) %}
    {{ return(adapter.dispatch('replace_all', 'openprofile')(text_expr, pattern, replacement)) }}
{% endmacro %}

{% macro default__replace_all(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, {{ pattern }}, {{ replacement }}, 'g')
{%- endmacro %}

{#- Spark replaces every match by default; its group references are $1, not \1. -#}
{% macro spark__replace_all(text_expr, pattern, replacement) -%}
    regexp_replace({{ text_expr }}, {{ pattern }}, {{ replacement | replace('\\', '$') }})
{%- endmacro %}
