{#- Text in Unicode normalisation form C (a letter and its combining accent become one code
    point), so equal-looking names are equal strings. -#}
{% macro unicode_nfc(text_expr) %}
    {{ return(adapter.dispatch('unicode_nfc', 'openprofile')(text_expr)) }}
{% endmacro %}

{% macro default__unicode_nfc(text_expr) -%}
    nfc_normalize({{ text_expr }})
{%- endmacro %}

{#- Spark has no Unicode normalisation function: a Python function (unicodedata) that
    openprofile/spark.py registers on the session. -#}
{% macro spark__unicode_nfc(text_expr) -%}
    openprofile_nfc({{ text_expr }})
{%- endmacro %}
