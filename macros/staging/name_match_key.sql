{#- A person's name as a match key: Unicode NFC, lower case, accents stripped, outer white
    space removed ('  Muñoz ' and 'Mun' + combining tilde + 'oz' both give 'munoz'). -#}
{% macro name_match_key(name_expr) %}
    {{ return(adapter.dispatch('name_match_key', 'openprofile')(name_expr)) }}
{% endmacro %}

{% macro default__name_match_key(name_expr) -%}
    strip_accents(lower({{ unicode_nfc(clean_text(name_expr)) }}))
{%- endmacro %}

{#- Spark has no accent stripping: a Python function (Unicode decomposition without the
    combining marks, as DuckDB's strip_accents) that openprofile/spark.py registers. -#}
{% macro spark__name_match_key(name_expr) -%}
    openprofile_strip_accents(lower({{ unicode_nfc(clean_text(name_expr)) }}))
{%- endmacro %}
