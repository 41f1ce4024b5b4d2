{#- The digits of a text, everything else removed ('06 80-98' → '068098'); NULL for NULL. -#}
{% macro digits_only(text_expr) -%}
    {{ replace_all(text_expr, "'[^0-9]'", "''") }}
{%- endmacro %}
