{#- A Jinja value as an SQL string literal, quotes escaped: "Men's shoes" → 'Men''s shoes'.
    Every var that ends up inside SQL text goes through this. -#}
{% macro sql_string(value) -%}
    {{ adapter.dispatch('sql_string', 'openprofile')(value | string) }}
{%- endmacro %}

{% macro default__sql_string(value) -%}
    '{{ value | replace("'", "''") }}'
{%- endmacro %}

{#- Spark keeps backslashes in literals (profiles.yml), and then reads '' inside a literal as
    two quotes: a quote is joined in as a double-quoted literal instead
    (concat('Men', "'", 's shoes')). -#}
{% macro spark__sql_string(value) -%}
    {%- if "'" in value -%}
        concat({% for part in value.split("'") %}'{{ part }}'{% if not loop.last %}, "'", {% endif %}{% endfor %})
    {%- else -%}
        '{{ value }}'
    {%- endif -%}
{%- endmacro %}
