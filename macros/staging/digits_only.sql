{#- The digits of a text, everything else removed ('06 80-98' → '068098'); NULL for NULL. -#}
{% macro digits_only(text_expr) %}
    {{ return(adapter.dispatch('digits_only', 'openprofile')(text_expr)) }}
{% endmacro %}

{% macro default__digits_only(text_expr) -%}
    regexp_replace({{ text_expr }}, '[^0-9]', '', 'g')
{%- endmacro %}

{% macro spark__digits_only(text_expr) -%}
    regexp_replace({{ text_expr }}, '[^0-9]', '')
{%- endmacro %}
