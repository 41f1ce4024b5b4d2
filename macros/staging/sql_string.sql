{#- A Jinja value as an SQL string literal, quotes escaped: "Men's shoes" → 'Men''s shoes'.
    Every var that ends up inside SQL text goes through this. -#}
{% macro sql_string(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
