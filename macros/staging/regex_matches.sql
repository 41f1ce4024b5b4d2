{#- True when the text `text_expr` contains a match of the regular expression `pattern_expr`
    (both SQL expressions). -#}
{% macro regex_matches(text_expr, pattern_expr) %}
    {{ return(adapter.dispatch('regex_matches', 'openprofile')(text_expr, pattern_expr)) }}
{% endmacro %}

{% macro default__regex_matches(text_expr, pattern_expr) -%}
    regexp_matches({{ text_expr }}, {{ pattern_expr }})
{%- endmacro %}

{% macro spark__regex_matches(text_expr, pattern_expr) -%}
    ({{ text_expr }} rlike {{ pattern_expr }})
{%- endmacro %}
