namespace DropIn.Web.Features.Enquiries;

public static class EnquiriesSetup
{
    public static WebApplicationBuilder AddDropInEnquiries(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EnquiryService>();
        builder.Services.AddSingleton<EnquiryReminders>();
        return builder;
    }
}
