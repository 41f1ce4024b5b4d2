{#- The identifier columns of int_activities_unioned, each named after its identifier type
    (seeds/config/identifier_types.csv lists the types with their priority and limits). -#}
{% macro identifier_columns() %}
    {{ return([
        'user_id', 'crm_contact_id', 'email', 'phone', 'guest_order_id',
        'device_id', 'cookie_id', 'network_user_id'
    ]) }}
{% endmacro %}
