{#- Lower-case hexadecimal SHA-256 of a text (64 characters), as ad platforms' customer-match
    uploads expect; NULL for NULL. -#}
{% macro sha256_hex(text_expr) %}
    {{ return(adapter.dispatch('sha256_hex', 'openprofile')(text_expr)) }}
{% endmacro %}

{% macro default__sha256_hex(text_expr) -%}
    sha256({{ text_expr }})
{%- endmacro %}

{% macro spark__sha256_hex(text_expr) -%}
    sha2({{ text_expr }}, 256)
{%- endmacro %}
